-- A patient's consent change on its way to the chain: signed (by the custodial key or the patient's wallet),
-- then batched by the relayer into one setConsentsBySig outbox row ('submitted'), then 'confirmed' or
-- 'rejected' by the indexer from ConsentChanged / ConsentSkipped (reject_reason: the contract's Rejection, or
-- 0 when the batch transaction itself failed or the deadline passed before it was sent).
create table consent_requests (
    id            bigint         generated always as identity primary key,
    account_id    uuid           not null references accounts (id) on delete cascade,
    patient       text           not null check (patient ~ '^0x[0-9a-f]{40}$'),
    purposes      bigint         not null,
    expiry        numeric(20, 0) not null,
    nonce         bigint         not null,
    deadline      bigint         not null,
    signature     bytea          not null check (octet_length(signature) = 65),
    source        text           not null check (source in ('custodial', 'wallet')),
    status        text           not null default 'pending' check (status in ('pending', 'submitted', 'confirmed', 'rejected')),
    outbox_id     bigint         references outbox (id),
    batch_index   integer,
    reject_reason smallint,
    reject_detail text,
    block_number  bigint,
    tx_hash       bytea,
    created_at    timestamptz    not null default now(),
    updated_at    timestamptz    not null default now()
);

create index consent_requests_patient on consent_requests (patient, id);
create index consent_requests_account on consent_requests (account_id, id);
create index consent_requests_pending on consent_requests (id) where status = 'pending';
create index consent_requests_outbox on consent_requests (outbox_id) where outbox_id is not null;
create index consent_requests_submitted on consent_requests (outbox_id) where status = 'submitted';
