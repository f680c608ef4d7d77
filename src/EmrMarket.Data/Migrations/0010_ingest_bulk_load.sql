-- Ingest speed (docs/fhir.md, "Storage").

-- The bulk tables carry no foreign keys (0005), but records still checked provider_id against providers, one RI
-- trigger per row: a sixth of PostgreSQL's time in COPY. The ingest session sets provider_id from the provider
-- it holds the advisory lock of.
alter table records drop constraint records_provider_id_fkey;

-- Identifiers and codes compare byte for byte: under a C.UTF-8 (or any glibc) locale every text comparison in a
-- btree goes through strcoll, a large part of index upkeep during COPY and of the idempotency lookup. Equality,
-- which is all ingest and cohort building ask of these columns, is the same under "C". Only the indexes are
-- rebuilt; the tables are not rewritten.
alter table records alter column resource_type type text collate "C", alter column source_id type text collate "C";
alter table patients alter column source_id type text collate "C";
alter table conditions alter column code_system type text collate "C", alter column code type text collate "C";
alter table observations alter column code_system type text collate "C", alter column code type text collate "C";
alter table observation_components alter column code_system type text collate "C", alter column code type text collate "C";
alter table medication_requests alter column code_system type text collate "C", alter column code type text collate "C";
alter table procedures alter column code_system type text collate "C", alter column code type text collate "C";
alter table immunizations alter column code_system type text collate "C", alter column code type text collate "C";
alter table allergy_intolerances alter column code_system type text collate "C", alter column code type text collate "C";
alter table diagnostic_reports alter column code_system type text collate "C", alter column code type text collate "C";

-- AES-GCM ciphertext does not compress: keep large values out of line without first trying pglz on them.
alter table records alter column payload_enc set storage external;
alter table patients
    alter column names_enc set storage external, alter column addresses_enc set storage external,
    alter column telecom_enc set storage external, alter column identifiers_enc set storage external;
