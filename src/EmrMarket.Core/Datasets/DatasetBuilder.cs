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

    public Task<DatasetBuild> BuildAsync(DatasetRequest request, CancellationToken cancellationToken) =>
        BuildAsync(request, null, cancellationToken);

    /// <param name="progress">Told each stage as it starts.</param>
    public async Task<DatasetBuild> BuildAsync(DatasetRequest request, IProgress<BuildStage>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Title)) throw new DatasetException("a dataset needs a title");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (block, members, included, extract, secret, result) = await AnonymizeAsync(request, today, progress, cancellationToken);
        if (result.Status != AnonymizationStatus.Anonymized || result.Output is null)
            throw new DatasetException($"the privacy model cannot be met: {result.Report.Summary}");

        progress?.Report(BuildStage.Packaging);
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
        progress?.Report(BuildStage.Saving);
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

    /// <summary>
    /// A dry run: the same cohort, consent and privacy model as <see cref="BuildAsync(DatasetRequest, CancellationToken)"/>,
    /// reporting the risk and utility the build would have, whether or not the model can be met; nothing is written.
    /// </summary>
    public async Task<DatasetDryRun> PreviewAsync(DatasetRequest request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (block, members, included, _, _, result) = await AnonymizeAsync(request, today, null, cancellationToken);
        return new DatasetDryRun(result.Report, members.Count, included.Count, block);
    }

    private async Task<(ulong Block, IReadOnlyList<CohortMember> Members, List<CohortMember> Included, ClinicalExtract Extract, DatasetSecret Secret,
        AnonymizationResult Result)> AnonymizeAsync(DatasetRequest request, DateOnly today, IProgress<BuildStage>? progress, CancellationToken cancellationToken)
    {
        request.Cohort.Validate();
        request.Policy.Validate();
        if (request.Purposes == 0) throw new DatasetException("choose the purpose the dataset is licensed for");

        progress?.Report(BuildStage.Selecting);
        var complete = await consents.CompleteUpToAsync(cancellationToken);
        var block = request.ConsentBlock ?? complete;
        if (block > complete) throw new DatasetException($"the consent trail is complete up to block {complete}, not {block}");

        var members = await cohorts.FindAsync(request.Cohort, today, cancellationToken);
        var wallets = members.Where(m => m.Wallet is not null).Select(m => m.Wallet!.Value).Distinct().ToList();
        var consenting = await consents.ConsentingAsync(wallets, request.Purposes, block, cancellationToken);
        var included = members.Where(m => m.Wallet is { } w && consenting.Contains(w)).ToList();
        if (included.Count == 0)
            throw new DatasetException($"none of the {members.Count} matching patients consents to this purpose at block {block}");

        progress?.Report(BuildStage.Extracting);
        var observationCodes = request.ObservationCodes.Concat(request.Cohort.Observations.Select(o => o.Code)).Distinct().ToList();
        var extract = await extracts.LoadAsync(included.Select(m => m.PatientId).ToList(), observationCodes, cancellationToken);
        progress?.Report(BuildStage.Anonymizing);
        var secret = DatasetSecret.Generate();
        try
        {
            // The search is CPU-bound and long for big cohorts: off the caller's thread (a Blazor circuit's, say).
            var result = await Task.Run(() => PatientTable.Anonymize(extract, request.Policy, secret, today.Year, cancellationToken), cancellationToken);
            return (block, members, included, extract, secret, result);
        }
        catch (DeidException e)
        {
            throw new DatasetException($"the privacy model cannot be met: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built dataset {DatasetId}: {Patients} patients, consent block {Block}")]
    private partial void LogBuilt(Guid datasetId, int patients, ulong block);
}
