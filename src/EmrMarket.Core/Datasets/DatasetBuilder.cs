using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Core.Datasets.Internal;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Deid;
using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Ledger.Primitives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Datasets;

/// <summary>
/// Builds a dataset: the cohort, narrowed to patients whose on-chain consent covers the purpose at the consent
/// block, de-identified under the policy, written as a package, with a payout tree over the wallets whose rows
/// it holds. Nothing is stored unless every step succeeds.
/// </summary>
public sealed partial class DatasetBuilder(
    ICohortQueries cohorts,
    IConsentSnapshot consents,
    IClinicalExtracts extracts,
    IDatasetStore store,
    IOptions<DatasetOptions> options,
    TimeProvider clock,
    ILogger<DatasetBuilder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DatasetBuild> BuildAsync(DatasetRequest request, CancellationToken cancellationToken)
    {
        request.Cohort.Validate();
        request.Policy.Validate();
        if (request.Purposes == 0) throw new DatasetException("choose the purpose the dataset is licensed for");
        if (string.IsNullOrWhiteSpace(request.Title)) throw new DatasetException("a dataset needs a title");

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var complete = await consents.CompleteUpToAsync(cancellationToken);
        var block = request.ConsentBlock ?? complete;
        if (block > complete) throw new DatasetException($"the consent trail is complete up to block {complete}, not {block}");

        var members = await cohorts.FindAsync(request.Cohort, today, cancellationToken);
        var wallets = members.Where(m => m.Wallet is not null).Select(m => m.Wallet!.Value).Distinct().ToList();
        var consenting = await consents.ConsentingAsync(wallets, request.Purposes, block, cancellationToken);
        var included = members.Where(m => m.Wallet is { } w && consenting.Contains(w)).ToList();
        if (included.Count == 0)
            throw new DatasetException($"none of the {members.Count} matching patients consents to this purpose at block {block}");

        var observationCodes = request.ObservationCodes.Concat(request.Cohort.Observations.Select(o => o.Code)).Distinct().ToList();
        var extract = await extracts.LoadAsync(included.Select(m => m.PatientId).ToList(), observationCodes, cancellationToken);
        var secret = DatasetSecret.Generate();
        AnonymizationResult result;
        try
        {
            result = PatientTable.Anonymize(extract, request.Policy, secret, today.Year, cancellationToken);
        }
        catch (DeidException e)
        {
            throw new DatasetException($"the privacy model cannot be met: {e.Message}");
        }
        if (result.Status != AnonymizationStatus.Anonymized || result.Output is null)
            throw new DatasetException($"the privacy model cannot be met: {result.Report.Summary}");

        var pseudonymizer = new Pseudonymizer(secret);
        var pseudonyms = extract.Patients.ToDictionary(p => p.PatientId, p => pseudonymizer.Pseudonym(p.PatientId.ToString()));
        var (tables, rowsPerPatient) = DatasetTables.Build(result.Output, extract, pseudonyms);
        var walletOf = included.ToDictionary(m => m.PatientId, m => m.Wallet!.Value);
        var payouts = PayoutTree.FromWeights(rowsPerPatient.Select(kv => (walletOf[kv.Key], new BigInteger(kv.Value))));

        var id = Guid.CreateVersion7();
        var privacy = JsonNode.Parse(result.Report.ToJson())!;
        var content = new PackageContent(id, request.Title.Trim(), request.Description.Trim(), request.Purposes, block, now,
            rowsPerPatient.Count, JsonSerializer.SerializeToNode(request.Cohort, Json)!, JsonSerializer.SerializeToNode(request.Policy, Json)!,
            privacy, payouts.Root, payouts.TotalWeight);
        var path = Path.GetFullPath(Path.Combine(options.Value.StorageFolder, $"{id}.zip"));
        var package = await PackageWriter.WriteAsync(path, content, tables, cancellationToken);

        var dataset = new DatasetRecord(id, content.Title, content.Description, request.Purposes, content.Cohort, content.Policy, privacy,
            block, "built", content.PatientCount, tables.Sum(t => (long)t.Rows.Count), package.ManifestHash, package.RowsRoot,
            payouts.Root, payouts.TotalWeight, path, package.Bytes, request.Replaces, null, request.RequestedBy, now, request.ObservationCodes);
        try
        {
            await store.SaveAsync(dataset, rowsPerPatient.Keys.Select(p => (p, walletOf[p])).ToList(), payouts.Leaves, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        LogBuilt(id, content.PatientCount, block);
        return new DatasetBuild(dataset, result.Report, members.Count, included.Count, included.Count - rowsPerPatient.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built dataset {DatasetId}: {Patients} patients, consent block {Block}")]
    private partial void LogBuilt(Guid datasetId, int patients, ulong block);
}
