using Microsoft.JSInterop;

namespace EmrMarket.Web.Wallets;

/// <summary>
/// The person's browser wallet (window.ethereum), through wwwroot/js/wallet.js; one per circuit. Only usable after
/// the first render (JavaScript is not there while prerendering).
/// </summary>
public sealed class BrowserWallet(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public async Task<bool> IsAvailableAsync() => await (await ModuleAsync()).InvokeAsync<bool>("hasWallet");

    public async Task<WalletReply> RequestAccountAsync() => await (await ModuleAsync()).InvokeAsync<WalletReply>("requestAccount");

    /// <summary>EIP-191 personal_sign of <paramref name="message"/> by <paramref name="address"/>.</summary>
    public async Task<WalletReply> PersonalSignAsync(string message, string address) =>
        await (await ModuleAsync()).InvokeAsync<WalletReply>("personalSign", message, address);

    /// <summary>eth_signTypedData_v4 (EIP-712) of the JSON by <paramref name="address"/>.</summary>
    public async Task<WalletReply> SignTypedDataAsync(string address, string typedDataJson) =>
        await (await ModuleAsync()).InvokeAsync<WalletReply>("signTypedData", address, typedDataJson);

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
