using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Tests.Cases;

public sealed class SatisfactionSurveyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_answer_is_kept_and_a_second_changes_nothing()
    {
        var survey = SatisfactionSurvey.Create(Guid.CreateVersion7(), new string('a', 64), Now);
        survey.Answer(4, "  Quick  ", Now).ShouldBeTrue();
        survey.Answer(1, "changed my mind", Now.AddMinutes(1)).ShouldBeFalse();
        survey.Rating.ShouldBe(4);
        survey.Comment.ShouldBe("Quick");
        survey.AnsweredAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Ratings_outside_one_to_five_are_refused(int rating) =>
        Should.Throw<ArgumentOutOfRangeException>(() => SatisfactionSurvey.Create(Guid.CreateVersion7(), "h", Now).Answer(rating, null, Now));

    [Fact]
    public void An_answered_survey_is_not_reissued()
    {
        var survey = SatisfactionSurvey.Create(Guid.CreateVersion7(), "old", Now);
        survey.Reissue("new");
        survey.TokenHash.ShouldBe("new");
        survey.Answer(5, null, Now);
        Should.Throw<InvalidOperationException>(() => survey.Reissue("newer"));
    }
}
