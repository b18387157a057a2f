using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.ToTable("satisfaction_surveys", t => t.HasCheckConstraint(
            "ck_satisfaction_surveys_rating", $"rating IS NULL OR rating BETWEEN {SatisfactionSurvey.MinRating} AND {SatisfactionSurvey.MaxRating}"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.CaseId).IsUnique();
        builder.Property(s => s.Comment).HasMaxLength(SatisfactionSurvey.MaxCommentLength);
        builder.Ignore(s => s.IsAnswered);
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
