using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Chat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chat_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_guest = table.Column<bool>(type: "boolean", nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    guest_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    access_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    queue_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    agent_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    intent_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fallback_offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fallback_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    fallback_choice = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    rating = table.Column<int>(type: "integer", nullable: true),
                    rating_comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_seq = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_conversations", x => x.id);
                    table.ForeignKey(
                        name: "fk_chat_conversations_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_chat_conversations_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "chat_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    client_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: true),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    offers_person = table.Column<bool>(type: "boolean", nullable: false),
                    interaction_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_chat_messages_chat_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "chat_conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_accepted",
                table: "chat_conversations",
                column: "accepted_at",
                filter: "accepted_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_case_id",
                table: "chat_conversations",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_subscriber_id_created_at",
                table: "chat_conversations",
                columns: new[] { "subscriber_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_waiting",
                table: "chat_conversations",
                columns: new[] { "queue_tier", "language", "queued_at" },
                filter: "state IN ('Queued', 'FallbackOffered')");

            migrationBuilder.CreateIndex(
                name: "ix_chat_conversations_with_agent",
                table: "chat_conversations",
                column: "agent_id",
                filter: "state = 'WithAgent'");

            migrationBuilder.CreateIndex(
                name: "ix_chat_messages_conversation_id_client_message_id",
                table: "chat_messages",
                columns: new[] { "conversation_id", "client_message_id" },
                unique: true,
                filter: "client_message_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_chat_messages_conversation_id_seq",
                table: "chat_messages",
                columns: new[] { "conversation_id", "seq" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_messages");

            migrationBuilder.DropTable(
                name: "chat_conversations");
        }
    }
}
