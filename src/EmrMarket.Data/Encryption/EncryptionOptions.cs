namespace EmrMarket.Data.Encryption;

/// <summary>The master keys that wrap the data keys. Bound from the "Encryption" section; secrets from the environment.</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>Base64 of 32 random bytes: wraps every new data key, and is what <c>emr rotate-keys</c> re-wraps to.</summary>
    public string MasterKey { get; set; } = "";

    /// <summary>Earlier master keys (base64), kept only until <c>emr rotate-keys</c> has re-wrapped their data keys.</summary>
    public List<string> RetiredMasterKeys { get; set; } = [];
}
