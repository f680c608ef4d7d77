using EmrMarket.Fhir.Model;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>One typed table: its name, its COPY statement, and how a resource's facts become its row.</summary>
internal sealed record ClinicalTable(string Name, string Copy, Action<NpgsqlBinaryImporter, RowContext, ResourceFacts> Write);
