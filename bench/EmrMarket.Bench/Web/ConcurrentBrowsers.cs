using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmrMarket.Bench.Web;

/// <summary>
/// N researchers browsing at once, each with a client of its own (sharing one session cookie): three rounds of a
/// catalog page, an offer page and the Blazor hub's negotiate request that opens a circuit's connection. Errors are
/// counted, not thrown; memory is the app process's (the test host runs in this process).
/// </summary>
internal static class ConcurrentBrowsers
{
    public static async Task RunAsync<T>(WebApplicationFactory<T> app, HttpClient signedIn, int browsers, TextWriter output,
        CancellationToken cancellationToken) where T : class
    {
        var cookie = string.Join("; ", signedIn.DefaultRequestHeaders.GetValues("Cookie"));
        GC.Collect();
        var before = (Process.GetCurrentProcess().WorkingSet64, GC.GetTotalMemory(false));
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var negotiated = 0;
        var peak = 0L;
        using var sampler = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Process.GetCurrentProcess().WorkingSet64)),
            null, 0, 50);
        var clients = Enumerable.Range(0, browsers).Select(_ => BenchLogin.WithCookie(app, cookie)).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                using var catalog = await TimedAsync(() => client.GetAsync(new Uri($"/catalog?page={1 + (i + round) % 50}", UriKind.Relative), cancellationToken), latencies, errors);
                using var offer = await TimedAsync(() => client.GetAsync(new Uri($"/catalog/{1 + (i * 37 + round) % 10_000}", UriKind.Relative), cancellationToken), latencies, errors);
                using var negotiate = await TimedAsync(() => client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null, cancellationToken),
                    latencies, errors);
                if (negotiate is { IsSuccessStatusCode: true } && (await negotiate.Content.ReadAsStringAsync(cancellationToken)).Contains("connectionToken"))
                    Interlocked.Increment(ref negotiated);
            }
        }, cancellationToken)));
        var elapsed = watch.Elapsed;
        var after = (Process.GetCurrentProcess().WorkingSet64, GC.GetTotalMemory(false));
        foreach (var client in clients) client.Dispose();

        var times = latencies.ToList();
        output.WriteLine($"\n| {browsers} concurrent browsers × 3 rounds (catalog page, offer page, Blazor negotiate) | figure |\n|---|---:|");
        output.WriteLine($"| requests | {times.Count:N0} |");
        output.WriteLine($"| errors | {errors.Count} |");
        output.WriteLine($"| circuits negotiated | {negotiated:N0} |");
        output.WriteLine($"| wall time | {elapsed.TotalSeconds:0.00} s ({times.Count / elapsed.TotalSeconds:N0} requests/s) |");
        output.WriteLine($"| latency median / p95 / max | {Stats.Percentile(times, 50):0} / {Stats.Percentile(times, 95):0} / {times.Max():0} ms |");
        output.WriteLine($"| working set before / peak / after | {Mib(before.Item1)} / {Mib(Math.Max(peak, after.Item1))} / {Mib(after.Item1)} MiB |");
        output.WriteLine($"| managed heap before / after | {Mib(before.Item2)} / {Mib(after.Item2)} MiB |");
        foreach (var error in errors.Distinct().Take(5)) output.WriteLine($"error: {error}");
    }

    private static async Task<HttpResponseMessage?> TimedAsync(Func<Task<HttpResponseMessage>> send, ConcurrentBag<double> latencies, ConcurrentBag<string> errors)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await send();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode) errors.Add($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            errors.Add(e.Message);
            return null;
        }
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
