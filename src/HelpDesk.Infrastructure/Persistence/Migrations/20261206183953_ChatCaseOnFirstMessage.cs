using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChatCaseOnFirstMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "case_id",
                table: "chat_conversations",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            // Chat cases opened only because the widget was opened (issue 15): nothing from the subscriber, nobody waiting or
            // talking. They close with a line on the timeline saying why, their chats end, and their false SLA clocks stop.
            migrationBuilder.Sql(ClosesEmptyChatCases);
        }

        /// <summary>The data step, kept callable so a test can run it on cases made the old way.</summary>
        public const string ClosesEmptyChatCases = """
            CREATE TEMP TABLE empty_chat_cases AS
            SELECT c.id FROM cases c
            WHERE c.channel = 'Chat' AND c.status <> 'Closed' AND c.merged_into_id IS NULL
              AND EXISTS (SELECT 1 FROM chat_conversations k WHERE k.case_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM chat_conversations k WHERE k.case_id = c.id AND k.state IN ('Queued', 'FallbackOffered', 'WithAgent'))
              AND NOT EXISTS (SELECT 1 FROM chat_conversations k JOIN chat_messages m ON m.conversation_id = k.id
                              WHERE k.case_id = c.id AND m.author_kind IN ('Subscriber', 'Agent'))
              AND NOT EXISTS (SELECT 1 FROM interactions i
                              WHERE i.case_id = c.id AND i.author_kind IN ('Subscriber', 'Agent') AND i.body <> 'Started a live chat.');

            UPDATE chat_conversations SET state = 'Ended', ended_by = 'System', ended_at = now(), updated_at = now()
            WHERE case_id IN (SELECT id FROM empty_chat_cases) AND state <> 'Ended';

            INSERT INTO interactions (id, case_id, channel, direction, author_kind, author_id, author_name, visibility, body, created_at)
            SELECT gen_random_uuid(), id, 'Chat', 'Internal', 'System', NULL, 'HelpDesk', 'Public',
                   'This case was closed: the live chat was opened but nothing was written in it, so there was nothing to answer.', now()
            FROM empty_chat_cases;

            INSERT INTO audit_events (occurred_at, actor_user_id, actor_name, actor_ip, action, entity_type, entity_id, case_id, data)
            SELECT now(), NULL, 'system:migration', NULL, 'case.status_changed', 'case', c.id::text, c.id,
                   jsonb_build_object('status', jsonb_build_object('from', c.status, 'to', 'Closed'),
                                      'rule', jsonb_build_object('from', NULL, 'to', 'empty-chat'))
            FROM cases c WHERE c.id IN (SELECT id FROM empty_chat_cases);

            UPDATE cases SET status = 'Closed', closed_at = now(), updated_at = now(),
                   response_clock_started_at = NULL, response_due_at = NULL, response_warn_at = NULL,
                   resolution_due_at = NULL, resolution_warn_at = NULL, sla_paused_at = NULL, attention_at = NULL,
                   supervisor_answer_due_at = NULL
            WHERE id IN (SELECT id FROM empty_chat_cases);

            DROP TABLE empty_chat_cases;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "case_id",
                table: "chat_conversations",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
