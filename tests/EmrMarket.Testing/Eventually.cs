namespace EmrMarket.Testing;

/// <summary>Waits for something the background work brings about; a timeout fails the test naming what did not happen.</summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
