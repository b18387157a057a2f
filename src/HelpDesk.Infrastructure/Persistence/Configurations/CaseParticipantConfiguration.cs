using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CaseParticipantConfiguration : IEntityTypeConfiguration<CaseParticipant>
{
    public void Configure(EntityTypeBuilder<CaseParticipant> builder)
    {
        builder.ToTable("case_participants");
        builder.HasKey(p => new { p.CaseId, p.Address });
        builder.Property(p => p.Address).HasMaxLength(Mailbox.MaxAddressLength);
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.Address);
    }
}
