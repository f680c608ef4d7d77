-- The current version of each clinical record, typed for cohort building: code system and code (the preferred
-- coding, and every coding as 'system|code' in codes), dates, numeric values and units, statuses. Free text
-- (CodeableConcept.text, notes, valueString) stays only in records.payload_enc. encounter_source_id is the
-- provider's id of the Encounter the record was made in.
create table encounters (
    record_id     uuid primary key,
    patient_id    uuid not null,
    source_id     text not null,
    status        text,
    class_code    text,
    type_system   text,
    type_code     text,
    type_display  text,
    reason_system text,
    reason_code   text,
    period_start  timestamptz,
    period_end    timestamptz
);
create index encounters_patient on encounters (patient_id);

create table conditions (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    clinical_status     text,
    verification_status text,
    category            text,
    code_system         text,
    code                text,
    display             text,
    codes               text[] not null,
    onset               timestamptz,
    abatement           timestamptz,
    recorded            timestamptz
);
create index conditions_code on conditions (code_system, code);
create index conditions_patient on conditions (patient_id);

create table observations (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    status              text,
    category            text,
    code_system         text,
    code                text,
    display             text,
    codes               text[] not null,
    effective           timestamptz,
    issued              timestamptz,
    value_kind          text not null,
    value_number        double precision,
    value_comparator    text,
    value_unit          text,
    value_unit_code     text,
    value_code_system   text,
    value_code          text,
    value_display       text,
    value_boolean       boolean
);
create index observations_code on observations (code_system, code);
create index observations_patient on observations (patient_id);

create table observation_components (
    record_id         uuid     not null,
    seq               smallint not null,
    code_system       text,
    code              text,
    display           text,
    value_kind        text     not null,
    value_number      double precision,
    value_unit        text,
    value_unit_code   text,
    value_code_system text,
    value_code        text,
    value_display     text,
    primary key (record_id, seq)
);
create index observation_components_code on observation_components (code_system, code);

create table medication_requests (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    status              text,
    intent              text,
    code_system         text,
    code                text,
    display             text,
    codes               text[] not null,
    authored_on         timestamptz
);
create index medication_requests_code on medication_requests (code_system, code);
create index medication_requests_patient on medication_requests (patient_id);

create table procedures (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    status              text,
    code_system         text,
    code                text,
    display             text,
    codes               text[] not null,
    performed_start     timestamptz,
    performed_end       timestamptz
);
create index procedures_code on procedures (code_system, code);

create table immunizations (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    status              text,
    code_system         text,
    code                text,
    display             text,
    occurred            timestamptz
);
create index immunizations_code on immunizations (code_system, code);

create table allergy_intolerances (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    clinical_status     text,
    verification_status text,
    type                text,
    category            text,
    criticality         text,
    code_system         text,
    code                text,
    display             text,
    codes               text[] not null,
    onset               timestamptz,
    recorded            timestamptz
);
create index allergy_intolerances_code on allergy_intolerances (code_system, code);

create table diagnostic_reports (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    status              text,
    category            text,
    code_system         text,
    code                text,
    display             text,
    effective           timestamptz,
    issued              timestamptz,
    result_count        integer not null
);
create index diagnostic_reports_code on diagnostic_reports (code_system, code);

create table care_plans (
    record_id           uuid primary key,
    patient_id          uuid not null,
    source_id           text not null,
    encounter_source_id text,
    status              text,
    intent              text,
    category_system     text,
    category_code       text,
    category_display    text,
    activity_codes      text[] not null,
    period_start        timestamptz,
    period_end          timestamptz
);
