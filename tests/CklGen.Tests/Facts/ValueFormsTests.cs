using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Facts;

/// <summary>Every row of the value-form table (docs/facts-format.md section 3), and what each reader refuses.</summary>
public class ValueFormsTests
{
    static JToken J(string json) => JToken.Parse(json, new JsonLoadSettings());
    static JToken Json(string json)
    {
        using var r = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(r);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"$true\"", true)]
    [InlineData("\"$FALSE\"", false)]
    [InlineData("\" true \"", true)]
    public void Boolean_forms(string json, bool expected)
    {
        var r = ValueForms.Boolean(J(json));
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(expected, r.Value);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"yes\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("[true]")]
    public void Boolean_refuses_other_forms(string json)
    {
        var r = ValueForms.Boolean(J(json));
        Assert.False(r.Ok);
        Assert.Contains("boolean", r.Problem);
    }

    [Fact]
    public void An_absent_property_is_never_read()
    {
        foreach (var kind in Enum.GetValues<ValueKind>())
        {
            var r = ValueForms.Read(kind, null);
            Assert.False(r.Ok, kind.ToString());
            Assert.Contains("absent", r.Problem);
        }
    }

    [Theory]
    [InlineData("\"DomainValidation\"", "DomainValidation")]
    [InlineData("\"domainvalidation\"", "DomainValidation")]
    [InlineData("4", "DomainValidation")]
    [InlineData("\"4\"", "DomainValidation")]
    [InlineData("1", "EncryptionOnly")]
    public void Enum_names_and_known_integers(string json, string expected)
    {
        var r = ValueForms.Enum(J(json), ExchangeEnums.TlsAuthLevel);
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(expected, r.Value);
    }

    [Fact]
    public void Enum_name_without_a_map_is_kept_as_given()
    {
        Assert.Equal("Lowest", ValueForms.Enum(J("\"Lowest\"")).Value);
    }

    [Theory]
    [InlineData("3", null, "3")]
    [InlineData("4", null, "4")]
    [InlineData("8", "tls", "8")]
    public void Enum_unknown_integers_are_not_read(string json, string? map, string named)
    {
        var r = ValueForms.Enum(J(json), map is null ? null : ExchangeEnums.TlsAuthLevel);
        Assert.False(r.Ok);
        Assert.Contains($"integer {named}", r.Problem);
    }

    [Theory]
    [InlineData("\"A, B\"")]
    [InlineData("\"DomainValidation extra\"")]
    [InlineData("4.0")]
    [InlineData("{}")]
    public void Enum_refuses_other_forms(string json) => Assert.False(ValueForms.Enum(J(json), ExchangeEnums.TlsAuthLevel).Ok);

    [Theory]
    [InlineData("\"AnonymousUsers, ExchangeUsers\"")]
    [InlineData("\"AnonymousUsers,ExchangeUsers\"")]
    [InlineData("\"  AnonymousUsers ,   ExchangeUsers \"")]
    [InlineData("[\"AnonymousUsers\", \"ExchangeUsers\"]")]
    [InlineData("{\"value\": [\"AnonymousUsers\", \"ExchangeUsers\"], \"Count\": 2}")]
    [InlineData("3")]
    [InlineData("\"anonymoususers, exchangeusers, AnonymousUsers\"")]
    public void Flags_forms(string json)
    {
        var r = ValueForms.Flags(J(json), ExchangeEnums.PermissionGroups);
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(["AnonymousUsers", "ExchangeUsers"], r.Value);
    }

    [Fact]
    public void Flags_integer_zero_is_None_and_bits_decompose()
    {
        Assert.Equal(["None"], ValueForms.Flags(J("0"), ExchangeEnums.PermissionGroups).Value);
        Assert.Equal(["AnonymousUsers", "ExchangeServers", "ExchangeLegacyServers"], ValueForms.Flags(J("13"), ExchangeEnums.PermissionGroups).Value);
        Assert.Equal(["Tls", "Integrated", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer"], ValueForms.Flags(J("31"), ExchangeEnums.ReceiveAuthMechanisms).Value);
    }

    [Theory]
    [InlineData("64", true)]
    [InlineData("13", false)]
    [InlineData("-1", true)]
    public void Flags_integers_with_unknown_bits_or_no_map_are_not_read(string json, bool withMap)
    {
        var r = ValueForms.Flags(J(json), withMap ? ExchangeEnums.PermissionGroups : null);
        Assert.False(r.Ok);
        Assert.Contains($"integer {json}", r.Problem);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"A; B\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"value\": [\"A\"], \"Count\": 3}")]
    [InlineData("null")]
    public void Flags_refuse_other_forms(string json) => Assert.False(ValueForms.Flags(J(json), ExchangeEnums.PermissionGroups).Ok);

    [Theory]
    [InlineData("\"00:10:00\"", 600)]
    [InlineData("\"1.00:00:00\"", 86400)]
    [InlineData("\"10.00:00:00\"", 864000)]
    [InlineData("\"00:00:30.5000000\"", 30.5)]
    [InlineData("\"PT10M\"", 600)]
    [InlineData("\"P1DT2H\"", 93600)]
    [InlineData("\"PT0.5S\"", 0.5)]
    [InlineData("{\"Ticks\": 6000000000, \"Days\": 0, \"Hours\": 0, \"Minutes\": 10, \"Seconds\": 0, \"Milliseconds\": 0, \"TotalSeconds\": 600.0}", 600)]
    [InlineData("{\"TotalSeconds\": 90}", 90)]
    [InlineData("{\"Days\": 1, \"Hours\": 2, \"Minutes\": 3, \"Seconds\": 4}", 93784)]
    public void TimeSpan_forms(string json, double seconds)
    {
        var r = ValueForms.TimeSpan(J(json));
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(TimeSpan.FromSeconds(seconds), r.Value);
    }

    [Theory]
    [InlineData("600")]
    [InlineData("\"10\"")]
    [InlineData("\"10 minutes\"")]
    [InlineData("\"P1Y\"")]
    [InlineData("\"P1M\"")]
    [InlineData("\"PT\"")]
    [InlineData("{\"Hours\": 1}")]
    [InlineData("{\"Ticks\": 6000000000, \"TotalSeconds\": 60}")]
    public void TimeSpan_refuses_other_forms(string json) => Assert.False(ValueForms.TimeSpan(J(json)).Ok);

    [Theory]
    [InlineData("\"10 MB (10,485,760 bytes)\"", false, 10_485_760)]
    [InlineData("\"36 MB (37,748,736 bytes)\"", false, 37_748_736)]
    [InlineData("\"1.5 GB (1,610,612,736 bytes)\"", false, 1_610_612_736)]
    [InlineData("\"0 B (0 bytes)\"", false, 0)]
    [InlineData("\"512 KB (524.288 bytes)\"", false, 524_288)]
    [InlineData("\"Unlimited\"", true, 0)]
    [InlineData("\"unlimited\"", true, 0)]
    [InlineData("10485760", false, 10_485_760)]
    [InlineData("\"10485760\"", false, 10_485_760)]
    [InlineData("{\"IsUnlimited\": false, \"Value\": \"10 MB (10,485,760 bytes)\"}", false, 10_485_760)]
    [InlineData("{\"IsUnlimited\": true}", true, 0)]
    [InlineData("{\"IsUnlimited\": true, \"Value\": null}", true, 0)]
    [InlineData("{\"IsUnlimited\": \"False\", \"Value\": 1024}", false, 1024)]
    public void Size_forms(string json, bool unlimited, long bytes)
    {
        var r = ValueForms.Size(J(json));
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(new ByteSize(unlimited, bytes), r.Value);
    }

    [Theory]
    [InlineData("\"10 MB\"")]
    [InlineData("\"10MB\"")]
    [InlineData("-5")]
    [InlineData("10.5")]
    [InlineData("\"ten\"")]
    [InlineData("{\"Value\": \"10 MB (10,485,760 bytes)\"}")]
    [InlineData("{\"IsUnlimited\": false}")]
    [InlineData("{\"IsUnlimited\": false, \"Value\": \"Unlimited\"}")]
    [InlineData("null")]
    public void Size_refuses_other_forms(string json) => Assert.False(ValueForms.Size(J(json)).Ok);

    [Theory]
    [InlineData("\"Unlimited\"", true, 0)]
    [InlineData("\"5000\"", false, 5000)]
    [InlineData("5000", false, 5000)]
    [InlineData("{\"IsUnlimited\": false, \"Value\": 5000}", false, 5000)]
    [InlineData("{\"IsUnlimited\": true}", true, 0)]
    public void Count_forms(string json, bool unlimited, long value)
    {
        var r = ValueForms.Count(J(json));
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(new UnlimitedCount(unlimited, value), r.Value);
    }

    [Theory]
    [InlineData("5000.5")]
    [InlineData("\"5,000\"")]
    [InlineData("\"lots\"")]
    [InlineData("{\"IsUnlimited\": false}")]
    [InlineData("[5000]")]
    public void Count_refuses_other_forms(string json) => Assert.False(ValueForms.Count(J(json)).Ok);

    [Theory]
    [InlineData("[\"a\", \"b\"]", new[] { "a", "b" })]
    [InlineData("\"a\"", new[] { "a" })]
    [InlineData("\"a, b\"", new[] { "a, b" })]
    [InlineData("25", new[] { "25" })]
    [InlineData("{\"value\": [\"a\", \"b\"], \"Count\": 2}", new[] { "a", "b" })]
    [InlineData("{\"value\": [\"a\"]}", new[] { "a" })]
    [InlineData("[]", new string[0])]
    [InlineData("null", new string[0])]
    [InlineData("\"\"", new string[0])]
    public void Multi_forms(string json, string[] expected)
    {
        var r = ValueForms.Multi(J(json));
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(expected, r.Value);
    }

    [Theory]
    [InlineData("[{\"a\": 1}]")]
    [InlineData("[[\"a\"]]")]
    [InlineData("[null]")]
    [InlineData("{\"value\": [\"a\"], \"Count\": 5}")]
    [InlineData("{\"Name\": \"x\"}")]
    public void Multi_refuses_other_forms(string json) => Assert.False(ValueForms.Multi(J(json)).Ok);

    [Theory]
    [InlineData("\"Banner text\"", "Banner text")]
    [InlineData("42", "42")]
    [InlineData("true", "True")]
    public void Text_forms(string json, string expected) => Assert.Equal(expected, ValueForms.Text(J(json)).Value);

    [Fact]
    public void Text_null_is_read_as_no_text_and_lists_are_refused()
    {
        var r = ValueForms.Text(J("null"));
        Assert.True(r.Ok);
        Assert.Null(r.Value);
        Assert.False(ValueForms.Text(J("[\"a\"]")).Ok);
        Assert.False(ValueForms.Text(J("{\"a\": 1}")).Ok);
    }

    [Theory]
    [InlineData("\"2024-11-01T14:03:22Z\"", "2024-11-01T14:03:22+00:00")]
    [InlineData("\"2024-11-01T09:03:22-05:00\"", "2024-11-01T14:03:22+00:00")]
    [InlineData("\"2024-11-01T14:03:22.1234567Z\"", "2024-11-01T14:03:22.1234567+00:00")]
    [InlineData("\"2024-11-01T14:03:22\"", "2024-11-01T14:03:22+00:00")]
    [InlineData("\"2024-11-01\"", "2024-11-01T00:00:00+00:00")]
    [InlineData("\"/Date(1730469802000)/\"", "2024-11-01T14:03:22+00:00")]
    [InlineData("\"/Date(1730469802000+0100)/\"", "2024-11-01T14:03:22+00:00")]
    public void Date_forms(string json, string utc)
    {
        var r = ValueForms.Date(Json(json));
        Assert.True(r.Ok, r.Problem);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), r.Value);
    }

    [Theory]
    [InlineData("\"11/01/2024\"")]
    [InlineData("\"Friday, November 1, 2024 2:03:22 PM\"")]
    [InlineData("1730469802000")]
    [InlineData("\"/Date(abc)/\"")]
    public void Date_refuses_other_forms(string json) => Assert.False(ValueForms.Date(Json(json)).Ok);

    [Fact]
    public void Read_dispatches_by_kind()
    {
        Assert.Equal(true, ValueForms.Read(ValueKind.Boolean, J("\"$true\"")).Value);
        Assert.Equal("DomainValidation", ValueForms.Read(ValueKind.Enum, J("4"), ExchangeEnums.TlsAuthLevel).Value);
        Assert.Equal(new ByteSize(true, 0), ValueForms.Read(ValueKind.Size, J("\"Unlimited\"")).Value);
        Assert.Equal(TimeSpan.FromMinutes(10), ValueForms.Read(ValueKind.TimeSpan, J("\"PT10M\"")).Value);
        Assert.False(ValueForms.Read(ValueKind.Count, J("\"x\"")).Ok);
    }

    [Fact]
    public void Describe_is_compact_and_bounded()
    {
        Assert.Equal("(absent)", ValueForms.Describe(null));
        Assert.Equal("null", ValueForms.Describe(J("null")));
        Assert.Equal("\"a\\nb\"", ValueForms.Describe(J("\"a\\nb\"")));
        Assert.Equal("{\"IsUnlimited\":false,\"Value\":5}", ValueForms.Describe(J("{ \"IsUnlimited\": false, \"Value\": 5 }")));
        var big = ValueForms.Describe(new JArray(Enumerable.Range(0, 1000)));
        Assert.True(big.Length < 160, big);
        Assert.Contains("characters)", big);
    }

    [Fact]
    public void Problems_name_the_value()
    {
        Assert.Contains("\"maybe\"", ValueForms.Boolean(J("\"maybe\"")).Problem);
        Assert.Contains("\"10 MB\"", ValueForms.Size(J("\"10 MB\"")).Problem);
    }
}
