using System.Text.Json;
using EmrMarket.Core.Datasets;
using EmrMarket.Deid;
using EmrMarket.Deid.Reports;

namespace EmrMarket.Web.Market;

/// <summary>Reads a dataset's stored de-identification report for display.</summary>
public static class PrivacyReports
{
    /// <summary>The report, or null (logged) if the stored JSON cannot be read: the page then says so instead of failing.</summary>
    public static DeidReport? TryRead(DatasetRecord dataset, ILogger logger)
    {
        try
        {
            return DeidReport.FromJson(dataset.Privacy.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or DeidException or NotSupportedException)
        {
            logger.LogWarning("The privacy report of dataset {DatasetId} cannot be read: {Error}", dataset.Id, e.Message);
            return null;
        }
    }
}
