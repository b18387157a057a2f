using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailIntakeIgnoredMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbound_emails_message_id",
                table: "inbound_emails");

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "inbound_emails",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AddColumn<string>(
                name: "fingerprint",
                table: "inbound_emails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "handled_at",
                table: "inbound_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "handled_by",
                table: "inbound_emails",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ignored_reason",
                table: "inbound_emails",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "raw_truncated",
                table: "inbound_emails",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "reply_to_address",
                table: "inbound_emails",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "reused_message_id",
                table: "inbound_emails",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "sender_source",
                table: "inbound_emails",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "From");

            // Rows stored before this migration: why they opened no case, from their reason text. Their fingerprint stays ""
            // (identity by Message-ID alone); a redelivery of one of them is recognised by IngestEmail.
            migrationBuilder.Sql("""
                UPDATE inbound_emails SET ignored_reason = CASE
                    WHEN outcome = 'Refused' AND reason LIKE '%larger than%' THEN 'TooLarge'
                    WHEN outcome = 'Refused' THEN 'NotMime'
                    WHEN reason LIKE 'AutoReply%' THEN 'AutoReply'
                    WHEN reason LIKE 'Bounce%' THEN 'Bounce'
                    WHEN reason LIKE 'Bulk%' THEN 'Bulk'
                    WHEN reason LIKE 'Loop%' THEN 'Loop'
                    ELSE 'Unreadable' END
                WHERE outcome IN ('Ignored', 'Refused');
                """);

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_message_id_fingerprint",
                table: "inbound_emails",
                columns: new[] { "message_id", "fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_outcome_received_at",
                table: "inbound_emails",
                columns: new[] { "outcome", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbound_emails_message_id_fingerprint",
                table: "inbound_emails");

            migrationBuilder.DropIndex(
                name: "ix_inbound_emails_outcome_received_at",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "fingerprint",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "handled_at",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "handled_by",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "ignored_reason",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "raw_truncated",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "reply_to_address",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "reused_message_id",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "sender_source",
                table: "inbound_emails");

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "inbound_emails",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_message_id",
                table: "inbound_emails",
                column: "message_id",
                unique: true);
        }
    }
}
