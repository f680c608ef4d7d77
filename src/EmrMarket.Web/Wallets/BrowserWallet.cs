using Microsoft.JSInterop;

namespace EmrMarket.Web.Wallets;

/// <summary>
/// The person's browser wallet (window.ethereum), through wwwroot/js/wallet.js; one per circuit. Only usable after
/// the first render (JavaScript is not there while prerendering).
/// </summary>
public sealed class BrowserWallet(IJSRuntime js) : IAsyncDisposable
{
    // The wallet asks its owner before it signs or sends: give them longer than Blazor's one-minute default to read it.
    private static readonly TimeSpan WaitForPerson = TimeSpan.FromMinutes(5);

    private IJSObjectReference? _module;

    public async Task<bool> IsAvailableAsync() => await (await ModuleAsync()).InvokeAsync<bool>("hasWallet");

    public async Task<WalletReply> RequestAccountAsync() => await (await ModuleAsync()).InvokeAsync<WalletReply>("requestAccount");

    /// <summary>EIP-191 personal_sign of <paramref name="message"/> by <paramref name="address"/>.</summary>
    public async Task<WalletReply> PersonalSignAsync(string message, string address) =>
        await (await ModuleAsync()).InvokeAsync<WalletReply>("personalSign", message, address);

    /// <summary>eth_signTypedData_v4 (EIP-712) of the JSON by <paramref name="address"/>.</summary>
    public async Task<WalletReply> SignTypedDataAsync(string address, string typedDataJson) =>
        await (await ModuleAsync()).InvokeAsync<WalletReply>("signTypedData", WaitForPerson, address, typedDataJson);

    /// <summary>eth_sendTransaction of a call from <paramref name="from"/>; the wallet pays its gas and answers the transaction hash.</summary>
    public async Task<WalletReply> SendTransactionAsync(string from, string to, string dataHex) =>
        await (await ModuleAsync()).InvokeAsync<WalletReply>("sendTransaction", WaitForPerson, from, to, dataHex);

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/wallet.js");

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
