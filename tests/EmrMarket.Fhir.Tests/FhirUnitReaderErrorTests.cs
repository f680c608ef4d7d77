using System.Text;
using System.Text.Json.Nodes;
using EmrMarket.Fhir.Internal;
using static EmrMarket.Fhir.Tests.TestBundles;

namespace EmrMarket.Fhir.Tests;

public sealed class FhirUnitReaderErrorTests
{
    private static async Task<FhirException> FailAsync(byte[] bytes, FhirFormat format = FhirFormat.Bundle, FhirReaderOptions? options = null)
    {
        var error = await Assert.ThrowsAsync<FhirException>(() => ReadAsync(bytes, format, options));
        Assert.Equal("test.json", error.SourceName);
        Assert.StartsWith("test.json: ", error.Message);
        return error;
    }

    [Fact]
    public async Task ReadAsync_TruncatedJson_IsMalformedJsonAtTheEntry()
    {
        var bytes = Bytes(Standard());

        var error = await FailAsync(bytes[..(bytes.Length - 200)]);

        Assert.Equal(FhirErrorCode.MalformedJson, error.Code);
        Assert.Equal(2, error.EntryIndex);
    }

    [Fact]
    public async Task ReadAsync_MissingComma_IsMalformedJson()
    {
        var json = Standard().ToJsonString().Replace("\"status\":\"finished\",", "\"status\":\"finished\"", StringComparison.Ordinal);

        var error = await FailAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(FhirErrorCode.MalformedJson, error.Code);
        Assert.Equal(1, error.EntryIndex);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InAnEntry_NamesTheEntry()
    {
        var bytes = Bytes(Standard());
        var at = Encoding.UTF8.GetString(bytes).IndexOf("Testerson", StringComparison.Ordinal);
        bytes[at] = 0xFF;

        var error = await FailAsync(bytes);

        Assert.Equal(FhirErrorCode.InvalidUtf8, error.Code);
        Assert.Equal(0, error.EntryIndex);
    }

    [Fact]
    public async Task ReadAsync_BundleWithoutItsPatient_IsMissingPatient()
    {
        var bundle = Bundle(Entry(Encounter()), Entry(Observation("33333333-3333-4333-8333-333333333333")));

        var error = await FailAsync(Bytes(bundle));

        Assert.Equal(FhirErrorCode.MissingPatient, error.Code);
        Assert.Contains(PatientUrl, error.Detail);
    }

    [Fact]
    public async Task ReadAsync_ObservationWithoutSubject_IsMissingPatient()
    {
        var observation = Observation("33333333-3333-4333-8333-333333333333");
        observation.Remove("subject");

        var error = await FailAsync(Bytes(Bundle(Entry(Patient()), Entry(Encounter()), Entry(observation))));

        Assert.Equal(FhirErrorCode.MissingPatient, error.Code);
        Assert.Equal(2, error.EntryIndex);
    }

    [Fact]
    public async Task ReadAsync_ReferenceToAbsentEntry_IsUnresolvedReference()
    {
        var observation = Observation("33333333-3333-4333-8333-333333333333");
        observation["hasMember"] = new JsonArray(new JsonObject { ["reference"] = "urn:uuid:99999999-9999-4999-8999-999999999999" });

        var error = await FailAsync(Bytes(Bundle(Entry(Patient()), Entry(Encounter()), Entry(observation))));

        Assert.Equal(FhirErrorCode.UnresolvedReference, error.Code);
        Assert.Equal(2, error.EntryIndex);
        Assert.Contains("urn:uuid:99999999", error.Detail);
    }

    [Fact]
    public async Task ReadAsync_ContainedReferenceToNothing_IsUnresolvedReference()
    {
        var observation = Observation("33333333-3333-4333-8333-333333333333");
        observation["performer"] = new JsonArray(new JsonObject { ["reference"] = "#nobody" });

        var error = await FailAsync(Bytes(Bundle(Entry(Patient()), Entry(Encounter()), Entry(observation))));

        Assert.Equal(FhirErrorCode.UnresolvedReference, error.Code);
    }

    [Fact]
    public async Task ReadAsync_UnsupportedResourceType_NamesTheType()
    {
        var bundle = Bundle(Entry(Patient()), Entry(new JsonObject { ["resourceType"] = "Frobnicator", ["id"] = "f" }));

        var error = await FailAsync(Bytes(bundle));

        Assert.Equal(FhirErrorCode.UnsupportedResourceType, error.Code);
        Assert.Equal(1, error.EntryIndex);
        Assert.Contains("Frobnicator", error.Detail);
    }

    [Fact]
    public async Task ReadAsync_DuplicateIdWithDifferentContent_IsDuplicateResource()
    {
        var bundle = Bundle(Entry(Patient()), Entry(Encounter()),
            Entry(Observation("o-1", value: 5.4), "urn:uuid:aaaaaaaa-0000-4000-8000-000000000001"),
            Entry(Observation("o-1", value: 9.9), "urn:uuid:aaaaaaaa-0000-4000-8000-000000000002"));

        var error = await FailAsync(Bytes(bundle));

        Assert.Equal(FhirErrorCode.DuplicateResource, error.Code);
        Assert.Equal(3, error.EntryIndex);
    }

    [Theory]
    [InlineData("searchset", FhirErrorCode.UnsupportedBundleType)]
    [InlineData(null, FhirErrorCode.UnsupportedBundleType)]
    public async Task ReadAsync_UnsupportedOrMissingBundleType_IsRejected(string? type, FhirErrorCode code)
    {
        var bundle = Standard();
        if (type is null) bundle.Remove("type");
        else bundle["type"] = type;

        Assert.Equal(code, (await FailAsync(Bytes(bundle))).Code);
    }

    [Fact]
    public async Task ReadAsync_SingleResourceInsteadOfBundle_IsNotABundle()
    {
        Assert.Equal(FhirErrorCode.NotABundle, (await FailAsync(Bytes(Patient()))).Code);
    }

    [Fact]
    public async Task ReadAsync_DeleteRequest_IsUnsupportedRequest()
    {
        var entry = Entry(Patient());
        entry["request"]!["method"] = "DELETE";

        Assert.Equal(FhirErrorCode.UnsupportedRequest, (await FailAsync(Bytes(Bundle(entry)))).Code);
    }

    [Fact]
    public async Task ReadAsync_InvalidDate_IsInvalidValueWithoutTheValue()
    {
        var patient = Patient();
        patient["birthDate"] = "1970-13-45";

        var error = await FailAsync(Bytes(Bundle(Entry(patient))));

        Assert.Equal(FhirErrorCode.InvalidValue, error.Code);
        Assert.DoesNotContain("1970-13-45", error.Message);
    }

    [Fact]
    public async Task ReadAsync_FileOverTheLimit_IsTooLargeBeforeReading()
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var sparse = File.OpenWrite(path)) sparse.SetLength(2L * 1024 * 1024 * 1024 + 1);
            await using var stream = File.OpenRead(path);
            var reader = new FhirUnitReader(stream, "test.json", FhirFormat.Bundle);

            var error = await Assert.ThrowsAsync<FhirException>(async () => { await foreach (var _ in reader.ReadAsync()) { } });

            Assert.Equal(FhirErrorCode.TooLarge, error.Code);
            Assert.Equal(0, stream.Position);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_UnseekableStreamOverTheLimit_StopsAtTheLimit()
    {
        var error = await FailAsync(Bytes(Standard()), options: new FhirReaderOptions { MaxFileBytes = 100, BufferBytes = 16 });

        Assert.Equal(FhirErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public async Task ReadAsync_EntryOverTheLimit_IsTooLarge()
    {
        var error = await FailAsync(Bytes(Standard()), options: new FhirReaderOptions { MaxEntryBytes = 64, BufferBytes = 16 });

        Assert.Equal(FhirErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public async Task ReadAsync_NdjsonLineNotJson_NamesTheLine()
    {
        var lines = Patient("p-1").ToJsonString() + "\n{not json}\n";

        var error = await FailAsync(Encoding.UTF8.GetBytes(lines), FhirFormat.Ndjson);

        Assert.Equal(FhirErrorCode.MalformedJson, error.Code);
        Assert.Equal(2, error.EntryIndex);
    }

    [Fact]
    public async Task ReadAsync_NulCharacterInAnEntry_NamesTheEntry()
    {
        var json = Standard().ToJsonString().Replace("\"status\":\"finished\"", "\"status\":\"fini\\u0000shed\"", StringComparison.Ordinal);

        var error = await FailAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal((FhirErrorCode.InvalidValue, (int?)1), (error.Code, error.EntryIndex));
        Assert.Contains("NUL", error.Detail);
    }

    [Fact]
    public async Task ReadAsync_NulCharacterOnAnNdjsonLine_NamesTheLine()
    {
        var lines = Patient("p-1").ToJsonString() + "\n" + Patient("p-2").ToJsonString().Replace("\"p-2\"", "\"p-2\\u0000\"", StringComparison.Ordinal) + "\n";

        var error = await FailAsync(Encoding.UTF8.GetBytes(lines), FhirFormat.Ndjson);

        Assert.Equal((FhirErrorCode.InvalidValue, (int?)2), (error.Code, error.EntryIndex));
    }

    [Theory]
    [InlineData("a\\u0000b", true)]
    [InlineData("a\\\\\\u0000b", true)]
    [InlineData("a\\\\u0000b", false)]
    [InlineData("a\\u0001b", false)]
    [InlineData("\\u0000", true)]
    public void HasEscapedNul_CountsTheBackslashesBeforeIt(string json, bool expected) =>
        Assert.Equal(expected, NulCheck.HasEscapedNul(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void CodeName_IsKebabCase()
    {
        Assert.Equal("missing-patient", FhirException.CodeName(FhirErrorCode.MissingPatient));
        Assert.Equal("invalid-utf-8", FhirException.CodeName(FhirErrorCode.InvalidUtf8));
    }
}
