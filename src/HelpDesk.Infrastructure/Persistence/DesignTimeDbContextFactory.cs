using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HelpDesk.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add</c>; it never connects.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<HelpDeskDbContext>
{
    public HelpDeskDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<HelpDeskDbContext>)HelpDeskDbContext.Configure(
            new DbContextOptionsBuilder<HelpDeskDbContext>(), "Host=localhost;Database=helpdesk_design").Options);
}
