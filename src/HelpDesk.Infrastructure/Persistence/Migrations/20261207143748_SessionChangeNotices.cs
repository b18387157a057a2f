using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SessionChangeNotices : Migration
    {
        /// <summary>
        /// The database announces every change that can end a session (ADR 0133): a session revoked or deleted, a user's
        /// security stamp or deactivation changed, a user deleted, either table truncated ("*": everyone). Each node's
        /// session-check cache listens and forgets that user's answers. The notice is sent when the change commits.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION helpdesk_session_notice_for_session() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('helpdesk_session_changes', '*');
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM pg_notify('helpdesk_session_changes', OLD.user_id);
                    ELSE
                        PERFORM pg_notify('helpdesk_session_changes', NEW.user_id);
                        IF OLD.user_id IS DISTINCT FROM NEW.user_id THEN
                            PERFORM pg_notify('helpdesk_session_changes', OLD.user_id);
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION helpdesk_session_notice_for_user() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('helpdesk_session_changes', '*');
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM pg_notify('helpdesk_session_changes', OLD.id);
                    ELSE
                        PERFORM pg_notify('helpdesk_session_changes', NEW.id);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER session_changed AFTER UPDATE ON auth_sessions FOR EACH ROW
                    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
                    EXECUTE FUNCTION helpdesk_session_notice_for_session();
                CREATE TRIGGER session_deleted AFTER DELETE ON auth_sessions FOR EACH ROW
                    EXECUTE FUNCTION helpdesk_session_notice_for_session();
                CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON auth_sessions FOR EACH STATEMENT
                    EXECUTE FUNCTION helpdesk_session_notice_for_session();

                CREATE TRIGGER user_session_state_changed AFTER UPDATE ON "AspNetUsers" FOR EACH ROW
                    WHEN (OLD.security_stamp IS DISTINCT FROM NEW.security_stamp OR OLD.deactivated_at IS DISTINCT FROM NEW.deactivated_at)
                    EXECUTE FUNCTION helpdesk_session_notice_for_user();
                CREATE TRIGGER user_deleted AFTER DELETE ON "AspNetUsers" FOR EACH ROW
                    EXECUTE FUNCTION helpdesk_session_notice_for_user();
                CREATE TRIGGER users_truncated AFTER TRUNCATE ON "AspNetUsers" FOR EACH STATEMENT
                    EXECUTE FUNCTION helpdesk_session_notice_for_user();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER users_truncated ON "AspNetUsers";
                DROP TRIGGER user_deleted ON "AspNetUsers";
                DROP TRIGGER user_session_state_changed ON "AspNetUsers";
                DROP TRIGGER sessions_truncated ON auth_sessions;
                DROP TRIGGER session_deleted ON auth_sessions;
                DROP TRIGGER session_changed ON auth_sessions;
                DROP FUNCTION helpdesk_session_notice_for_user();
                DROP FUNCTION helpdesk_session_notice_for_session();
                """);
        }
    }
}
