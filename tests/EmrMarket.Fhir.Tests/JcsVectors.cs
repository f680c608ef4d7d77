namespace EmrMarket.Fhir.Tests;

/// <summary>
/// The published JCS test vectors: cyberphone/json-canonicalization testdata/input and testdata/output (the
/// RFC 8785 authors' repository), and the ES6 number samples from its testdata/README.md.
/// </summary>
public static class JcsVectors
{
    public static TheoryData<string, string, string> Files => new()
    {
        { "arrays", """[ 56, { "d": true, "10": null, "1": [ ] } ]""", """[56,{"1":[],"10":null,"d":true}]""" },
        {
            "french",
            """{ "peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin":   "ingnore locale" }""",
            """{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}"""
        },
        {
            "structures",
            """{ "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { } }""",
            """{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}"""
        },
        { "unicode", """{ "Unnormalized Unicode":"\u1e0d\u0307" }""", "{\"Unnormalized Unicode\":\"\u1e0d\u0307\"}" },
        {
            "values",
            """{ "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001], "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false] }""",
            """{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}"""
        },
        {
            "weird",
            """{ "\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge" }""",
            "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude02\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
        },
        { "simpleString", "    \"this is a test string 1235\"", "\"this is a test string 1235\"" },
    };

    /// <summary>IEEE 754 bit patterns and their ES6 serialisation (testdata/README.md "ES6 Numbers").</summary>
    public static TheoryData<string, string> Numbers => new()
    {
        { "4340000000000001", "9007199254740994" },
        { "4340000000000002", "9007199254740996" },
        { "444b1ae4d6e2ef50", "1e+21" },
        { "3eb0c6f7a0b5ed8d", "0.000001" },
        { "3eb0c6f7a0b5ed8c", "9.999999999999997e-7" },
        { "8000000000000000", "0" },
        { "0", "0" },
    };
}
