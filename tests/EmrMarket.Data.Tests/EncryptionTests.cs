using System.Security.Cryptography;
using Dapper;
using EmrMarket.Data.Encryption;
using Microsoft.Extensions.Options;

namespace EmrMarket.Data.Tests;

public sealed class EncryptionTests : IAsyncLifetime
{
    private readonly IngestHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();

    public Task DisposeAsync() => _harness.DisposeAsync();

    /// <summary>
    /// AES-256-GCM vectors: test cases 13 and 14 of McGrew and Viega, "The Galois/Counter Mode of Operation
    /// (GCM)", and one from NIST CAVP gcmEncryptExtIV256 (with associated data).
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> GcmVectors => new()
    {
        { new string('0', 64), new string('0', 24), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b" },
        { new string('0', 64), new string('0', 24), new string('0', 32), "", "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919" },
        {
            "83688deb4af8007f9b713b47cfa6c73e35ea7a3aa4ecdb414dded03bf7a0fd3a", "0b459724904e010a46901cf3",
            "33d893a2114ce06fc15d55e454cf90c3", "794a14ccd178c8ebfd1379dc704c5e208f9d8424",
            "cc66bee423e3fcd4c0865715e9586696", "0fb291bd3dba94a1dfd8b286cfb97ac5"
        },
    };

    [Theory]
    [MemberData(nameof(GcmVectors))]
    public void SealWithNonce_PublishedVector_ProducesCiphertextAndTag(string key, string nonce, string plaintext, string aad, string ciphertext, string tag)
    {
        using var aes = new AesGcm(Convert.FromHexString(key), FieldCipher.TagSize);

        var sealedBytes = FieldCipher.SealWithNonce(aes, Convert.FromHexString(nonce), Convert.FromHexString(plaintext), Convert.FromHexString(aad));

        Assert.Equal(1, sealedBytes[0]);
        Assert.Equal(nonce, Convert.ToHexStringLower(sealedBytes.AsSpan(1, 12)));
        Assert.Equal(ciphertext, Convert.ToHexStringLower(sealedBytes.AsSpan(13, sealedBytes.Length - 29)));
        Assert.Equal(tag, Convert.ToHexStringLower(sealedBytes.AsSpan(sealedBytes.Length - 16)));
    }

    [Fact]
    public void Encrypt_IntoABuffer_BindsKeyColumnAndRowAsDocumented()
    {
        var (key, material) = DataKey.Create();
        using var _ = key;
        var row = Guid.NewGuid();
        var plaintext = "{\"resourceType\":\"Observation\"}"u8.ToArray();
        var sealedBytes = new byte[DataKey.Overhead + plaintext.Length];

        key.Encrypt("records.payload_enc", row, plaintext, sealedBytes);

        using var aes = new AesGcm(material, 16);
        var opened = new byte[plaintext.Length];
        var associatedData = System.Text.Encoding.ASCII.GetBytes($"emr/v1|records.payload_enc|{key.Id:N}|{row:N}");
        aes.Decrypt(sealedBytes.AsSpan(1, 12), sealedBytes.AsSpan(13, plaintext.Length), sealedBytes.AsSpan(13 + plaintext.Length), opened, associatedData);
        Assert.Equal(1, sealedBytes[0]);
        Assert.Equal(plaintext, opened);
        Assert.Equal(plaintext, key.Decrypt("records.payload_enc", row, sealedBytes));
    }

    [Fact]
    public void Decrypt_OtherColumnOrRow_Fails()
    {
        var (key, _) = DataKey.Create();
        using (key)
        {
            var row = Guid.NewGuid();
            var ciphertext = key.Encrypt("patients.names_enc", row, "Testerson"u8);

            Assert.Equal("Testerson"u8.ToArray(), key.Decrypt("patients.names_enc", row, ciphertext));
            Assert.Throws<KeyUnavailableException>(() => key.Decrypt("patients.addresses_enc", row, ciphertext));
            Assert.Throws<KeyUnavailableException>(() => key.Decrypt("patients.names_enc", Guid.NewGuid(), ciphertext));
            ciphertext[20] ^= 1;
            Assert.Throws<KeyUnavailableException>(() => key.Decrypt("patients.names_enc", row, ciphertext));
        }
    }

    [Theory]
    [InlineData("", "Encryption:MasterKey is required")]
    [InlineData("not base64!", "Encryption:MasterKey must be base64 of exactly 32 bytes")]
    [InlineData("AAAA", "Encryption:MasterKey must be base64 of exactly 32 bytes")]
    public void MasterKeyRing_MissingOrBadKey_FailsNamingTheSetting(string masterKey, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new MasterKeyRing(Options.Create(new EncryptionOptions { MasterKey = masterKey })));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task RotateAsync_NewMasterKey_RewrapsKeysAndLeavesCiphertextsAlone()
    {
        await _harness.IngestAsync(await Testing.FhirCorpus.FolderAsync());
        var oldKey = _harness.MasterKey;
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var payloadsBefore = await PayloadsAsync();
        var patient = await FirstPatientAsync();
        Assert.Throws<KeyUnavailableException>(() => _harness.Patients(_harness.Ring(newKey)).FindAsync(_harness.Provider.Id, patient, CancellationToken.None).GetAwaiter().GetResult());

        var rotated = await new KeyRotation(_harness.DataSource, _harness.Ring(newKey, oldKey)).RotateAsync(CancellationToken.None);

        Assert.Equal(await _harness.CountAsync("select count(*) from data_keys"), rotated);
        Assert.Equal(payloadsBefore, await PayloadsAsync());
        Assert.Equal(0, await _harness.CountAsync("select count(*) from data_keys where master_key_id <> @id", new { id = MasterKeyRing.IdOf(Convert.FromBase64String(newKey)) }));
        Assert.NotNull(await _harness.Patients(_harness.Ring(newKey)).FindAsync(_harness.Provider.Id, patient, CancellationToken.None));
        Assert.Throws<KeyUnavailableException>(() => _harness.Patients(_harness.Ring(oldKey)).FindAsync(_harness.Provider.Id, patient, CancellationToken.None).GetAwaiter().GetResult());
        Assert.Equal(0, await new KeyRotation(_harness.DataSource, _harness.Ring(newKey)).RotateAsync(CancellationToken.None));
    }

    private async Task<string> FirstPatientAsync()
    {
        await using var connection = await _harness.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("select source_id from patients order by id limit 1") ?? "";
    }

    private async Task<List<byte[]>> PayloadsAsync()
    {
        await using var connection = await _harness.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<byte[]>("select payload_enc from records order by id")).ToList();
    }
}
