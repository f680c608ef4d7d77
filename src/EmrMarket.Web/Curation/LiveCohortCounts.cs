using EmrMarket.Core.Datasets;

namespace EmrMarket.Web.Curation;

/// <summary>
/// The cohort builder's live counts (scoped to a circuit): each change of the cohort asks again after a short
/// pause, and a newer question cancels an older one, so typing never queues up queries.
/// </summary>
public sealed class LiveCohortCounts(CohortPreview preview, ILogger<LiveCohortCounts> logger) : IDisposable
{
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    private CancellationTokenSource? current;

    public CohortCounts? Counts { get; private set; }

    public string? Problem { get; private set; }

    public bool Counting { get; private set; }

    public event Action? Changed;

    public void Request(CohortDefinition cohort, ulong purposes)
    {
        current?.Cancel();
        current?.Dispose();
        current = new CancellationTokenSource();
        Counting = true;
        _ = CountAsync(cohort, purposes, current.Token);
    }

    private async Task CountAsync(CohortDefinition cohort, ulong purposes, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Pause, cancellationToken);
            cohort.Validate();
            Counts = await preview.CountAsync(cohort, purposes, cancellationToken);
            Problem = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (DatasetException e)
        {
            Problem = e.Message;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Ledger.Rpc.RpcTransportException or Ledger.Rpc.JsonRpcException)
        {
            logger.LogWarning("Cohort counts failed: {Error}", e.Message);
            Problem = "the counts cannot be read right now (the database or chain node did not answer); they refresh with your next change";
        }
        Counting = false;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        current?.Cancel();
        current?.Dispose();
    }
}
