using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpRequestId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "client_request_id",
                table: "follow_ups",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_case_id_client_request_id",
                table: "follow_ups",
                columns: new[] { "case_id", "client_request_id" },
                unique: true,
                filter: "client_request_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_follow_ups_case_id_client_request_id",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "client_request_id",
                table: "follow_ups");
        }
    }
}
