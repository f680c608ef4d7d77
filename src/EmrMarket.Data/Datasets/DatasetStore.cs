using System.Numerics;
using System.Text.Json.Nodes;
using Dapper;
using EmrMarket.Core.Datasets;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Datasets;

public sealed class DatasetStore(NpgsqlDataSource dataSource) : IDatasetStore
{
    private const string Columns = """
        id, title, description, purposes, cohort::text as Cohort, policy::text as Policy, privacy::text as Privacy,
        consent_block as ConsentBlock, status, patient_count as PatientCount, row_count as RowCount,
        manifest_hash as ManifestHash, rows_root as RowsRoot, payout_root as PayoutRoot, total_weight::text as TotalWeight,
        package_path as PackagePath, package_bytes as PackageBytes, replaces_dataset_id as ReplacesDatasetId,
        offer_id as OfferId, created_by as CreatedBy, created_at as CreatedAt, observation_codes as ObservationCodes
        """;

    public async Task SaveAsync(DatasetRecord dataset, IReadOnlyList<(Guid PatientId, EthAddress Wallet)> patients,
        IReadOnlyList<PayoutLeaf> payouts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into datasets (id, title, description, purposes, cohort, policy, privacy, consent_block, status, patient_count, row_count,
                                  manifest_hash, rows_root, payout_root, total_weight, package_path, package_bytes, replaces_dataset_id,
                                  created_by, created_at, observation_codes)
            values (@Id, @Title, @Description, @Purposes, @Cohort::jsonb, @Policy::jsonb, @Privacy::jsonb, @ConsentBlock, @Status, @PatientCount,
                    @RowCount, @ManifestHash, @RowsRoot, @PayoutRoot, @TotalWeight::numeric, @PackagePath, @PackageBytes, @ReplacesDatasetId,
                    @CreatedBy, @CreatedAt, @ObservationCodes)
            """, new
        {
            dataset.Id, dataset.Title, dataset.Description, Purposes = (long)dataset.Purposes, Cohort = dataset.Cohort.ToJsonString(),
            Policy = dataset.Policy.ToJsonString(), Privacy = dataset.Privacy.ToJsonString(), ConsentBlock = (long)dataset.ConsentBlock,
            dataset.Status, dataset.PatientCount, dataset.RowCount, ManifestHash = dataset.ManifestHash.ToArray(),
            RowsRoot = dataset.RowsRoot.ToArray(), PayoutRoot = dataset.PayoutRoot.ToArray(), TotalWeight = dataset.TotalWeight.ToString(),
            dataset.PackagePath, dataset.PackageBytes, dataset.ReplacesDatasetId, dataset.CreatedBy, dataset.CreatedAt,
            ObservationCodes = (dataset.ObservationCodes ?? []).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy dataset_patients (dataset_id, patient_id, wallet) from stdin (format binary)", cancellationToken))
        {
            foreach (var (patient, wallet) in patients)
                await writer.WriteRowAsync(cancellationToken, dataset.Id, patient, wallet.ToLowerHex());
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy dataset_payouts (dataset_id, leaf_index, wallet, weight) from stdin (format binary)", cancellationToken))
        {
            for (var i = 0; i < payouts.Count; i++)
                await writer.WriteRowAsync(cancellationToken, dataset.Id, i, payouts[i].Wallet.ToLowerHex(), (decimal)payouts[i].Weight);
            await writer.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DatasetRecord?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await QueryAsync($"select {Columns} from datasets where id = @id", new { id }, cancellationToken)).SingleOrDefault();

    public async Task<DatasetRecord?> FindByOfferAsync(ulong offerId, CancellationToken cancellationToken) =>
        (await QueryAsync($"select {Columns} from datasets where offer_id = @offerId", new { offerId = (long)offerId }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<DatasetRecord>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync($"select {Columns} from datasets order by created_at desc", null, cancellationToken);

    public async Task<IReadOnlyList<PayoutLeaf>> PayoutsAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Wallet, string Weight)>(new CommandDefinition(
            "select wallet, weight::text from dataset_payouts where dataset_id = @datasetId order by leaf_index",
            new { datasetId }, cancellationToken: cancellationToken));
        return rows.Select(r => new PayoutLeaf(EthAddress.Parse(r.Wallet), BigInteger.Parse(r.Weight, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    public async Task<IReadOnlyList<Guid>> DatasetsOfAsync(EthAddress wallet, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "select dataset_id from dataset_payouts where wallet = @wallet", new { wallet = wallet.ToLowerHex() }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task SetStatusAsync(Guid id, string status, ulong? offerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update datasets set status = @status, offer_id = coalesce(@offerId, offer_id) where id = @id",
            new { id, status, offerId = (long?)offerId }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<DatasetRecord>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DatasetRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed class DatasetRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public long Purposes { get; init; }
        public string Cohort { get; init; } = "{}";
        public string Policy { get; init; } = "{}";
        public string Privacy { get; init; } = "{}";
        public long ConsentBlock { get; init; }
        public string Status { get; init; } = "";
        public int PatientCount { get; init; }
        public long RowCount { get; init; }
        public byte[] ManifestHash { get; init; } = [];
        public byte[] RowsRoot { get; init; } = [];
        public byte[] PayoutRoot { get; init; } = [];
        public string TotalWeight { get; init; } = "0";
        public string PackagePath { get; init; } = "";
        public long PackageBytes { get; init; }
        public Guid? ReplacesDatasetId { get; init; }
        public long? OfferId { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string[] ObservationCodes { get; init; } = [];

        public DatasetRecord ToRecord() => new(Id, Title, Description, (ulong)Purposes, JsonNode.Parse(Cohort)!, JsonNode.Parse(Policy)!,
            JsonNode.Parse(Privacy)!, (ulong)ConsentBlock, Status, PatientCount, RowCount, new Hash32(ManifestHash), new Hash32(RowsRoot),
            new Hash32(PayoutRoot), BigInteger.Parse(TotalWeight, System.Globalization.CultureInfo.InvariantCulture), PackagePath, PackageBytes,
            ReplacesDatasetId, OfferId is null ? null : (ulong)OfferId, CreatedBy, new DateTimeOffset(CreatedAt, TimeSpan.Zero), ObservationCodes);
    }
}
