using CklGen.Benchmarks;
using CklGen.Facts;
using CklGen.Generation;

namespace CklGen.Evaluation;

/// <summary>Whether a snapshot is for the Exchange product and role a benchmark covers.</summary>
public sealed record Applicability(string? Mismatch, IReadOnlyList<string> Unconfirmed)
{
    /// <summary>
    /// Compares the facts' exchange.version (14.x 2010, 15.0 2013, 15.1 2016, 15.2 2019) and serverRole with the product
    /// and role the benchmark names. A benchmark that names no Exchange product (any other STIG) is not compared.
    /// </summary>
    public static Applicability Of(Benchmark benchmark, FactsSnapshot facts)
    {
        var (product, role) = BenchmarkShelf.BenchmarkTarget(benchmark);
        if (product is null) return new(null, []);
        var file = Path.GetFileName(facts.SourcePath.TrimEnd('/', '\\'));
        var theirs = BenchmarkShelf.ProductOfVersion(facts.ExchangeVersion);
        var roles = BenchmarkShelf.RolesOf(facts.ServerRole);
        var unconfirmed = new List<string>();
        if (theirs is null)
            unconfirmed.Add(string.IsNullOrWhiteSpace(facts.ExchangeVersion)
                ? $"The facts ({file}) do not say the Exchange version (exchange.version): CklGen could not confirm they are for Exchange {product}."
                : $"The facts' exchange.version '{facts.ExchangeVersion}' ({file}) names no Exchange product CklGen knows: it could not confirm they are for Exchange {product}.");
        if (role is not null && roles.Count == 0)
            unconfirmed.Add(string.IsNullOrWhiteSpace(facts.ServerRole)
                ? $"The facts ({file}) do not say the server role (exchange.serverRole): CklGen could not confirm they are for the {RoleName(role)} role."
                : $"The facts' exchange.serverRole '{facts.ServerRole}' ({file}) names no Exchange role CklGen knows: it could not confirm they are for the {RoleName(role)} role.");
        var wrongProduct = theirs is not null && theirs != product;
        var wrongRole = role is not null && roles.Count > 0 && !roles.Contains(role);
        if (!wrongProduct && !wrongRole) return new(null, unconfirmed);
        var factsAre = $"Exchange {theirs ?? "(version not given)"} {(roles.Count == 0 ? "(role not given)" : string.Join(", ", roles.Order(StringComparer.Ordinal).Select(RoleName)))}";
        var said = $"exchange.version '{facts.ExchangeVersion}', serverRole '{facts.ServerRole}'";
        return new($"the facts {file} are for {factsAre} ({said}), but the benchmark {benchmark.Id} ({benchmark.VersionLabel}) is for Exchange {product}{(role is null ? "" : " " + RoleName(role))}", unconfirmed);
    }

    static string RoleName(string role) => role switch { "Hub" => "Hub Transport", "ClientAccess" => "Client Access", _ => role };
}

/// <summary>Facts for another product or role than the benchmark: refused (exit 3) unless the user allows it.</summary>
public sealed class ApplicabilityException(string? path, string mismatch)
    : InputException(path, $"{mismatch}. Give the facts of a server of that type or the benchmark for this server; --allow-mismatch evaluates anyway and says so in every automated rule", "exchange");
