-- Every action that touches patient data or money leaves a row here (who, what, on what).
create table audit_log (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    action      text        not null,
    subject     text        not null,
    detail      jsonb       not null default '{}'::jsonb
);

create index audit_log_subject on audit_log (subject, at);
create index audit_log_action on audit_log (action, at);
