using Microsoft.Extensions.Options;

namespace EmrMarket.Data.Encryption;

internal sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.MasterKey))
            return ValidateOptionsResult.Fail("Encryption:MasterKey is required (base64 of 32 random bytes, e.g. `openssl rand -base64 32`); without it no record can be stored or read");
        if (!MasterKeyRing.TryDecode(options.MasterKey, out _))
            return ValidateOptionsResult.Fail("Encryption:MasterKey must be base64 of exactly 32 bytes");
        for (var i = 0; i < options.RetiredMasterKeys.Count; i++)
        {
            if (!MasterKeyRing.TryDecode(options.RetiredMasterKeys[i], out _))
                return ValidateOptionsResult.Fail($"Encryption:RetiredMasterKeys:{i} must be base64 of exactly 32 bytes");
        }
        return ValidateOptionsResult.Success;
    }
}
