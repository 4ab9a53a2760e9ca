using System.Reflection;
using System.Text.RegularExpressions;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

/// <summary>The domain is plain C#: no EF Core, no ASP.NET Core, no MudBlazor, in compiled types or in source.</summary>
public partial class DomainPurityTests
{
    private const string DomainNamespace = "AffiliateBlazor.Domain";
    private static readonly string[] Forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MudBlazor"];
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IReadOnlyList<Type> DomainTypes() =>
        typeof(Money).Assembly.GetTypes().Where(t => t.Namespace == DomainNamespace).ToList();

    [Fact]
    public void The_domain_types_are_found()
    {
        var names = DomainTypes().Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "Money", "CommissionCalculator", "TrafficAccrual", "Attribution", "Conversion", "Payout", "Plan", "ProgramMembership", "TrafficRollup" }, names);
    }

    [Fact]
    public void No_domain_type_references_infrastructure()
    {
        var violations = DomainTypes().SelectMany(Violations).ToList();
        Assert.True(violations.Count == 0, "Domain types reference infrastructure:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_reflection_check_catches_an_infrastructure_type()
    {
        var dbContext = typeof(Money).Assembly.GetTypes().Single(t => t.Name == "AppDbContext");
        Assert.Contains(Violations(dbContext), v => v.Contains("Microsoft.EntityFrameworkCore"));
    }

    private static IEnumerable<string> Violations(Type type)
    {
        var uses = new List<(string Where, Type? Used)>();
        for (var b = type.BaseType; b is not null; b = b.BaseType) uses.Add(("base type", b));
        uses.AddRange(type.GetInterfaces().Select(i => ("interface", (Type?)i)));
        uses.AddRange(type.GetCustomAttributesData().Select(a => ("attribute", (Type?)a.AttributeType)));
        foreach (var f in type.GetFields(All)) uses.Add(($"field {f.Name}", f.FieldType));
        foreach (var p in type.GetProperties(All)) uses.Add(($"property {p.Name}", p.PropertyType));
        foreach (var e in type.GetEvents(All)) uses.Add(($"event {e.Name}", e.EventHandlerType));
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) uses.Add(($"return of {m.Name}", mi.ReturnType));
            uses.AddRange(m.GetParameters().Select(p => ($"parameter {p.Name} of {m.Name}", (Type?)p.ParameterType)));
            uses.AddRange(m.GetCustomAttributesData().Select(a => ($"attribute of {m.Name}", (Type?)a.AttributeType)));
        }
        foreach (var member in type.GetMembers(All))
            uses.AddRange(member.GetCustomAttributesData().Select(a => ($"attribute of {member.Name}", (Type?)a.AttributeType)));

        return uses.SelectMany(u => Flatten(u.Used).Select(t => (u.Where, Used: t)))
            .Where(u => Forbidden.Any(ns => u.Used.Namespace is { } n && (n == ns || n.StartsWith(ns + "."))))
            .Select(u => $"{type.FullName}: {u.Where} uses {u.Used.FullName}")
            .Distinct();
    }

    private static IEnumerable<Type> Flatten(Type? type)
    {
        if (type is null) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType())) yield return t;
            yield break;
        }
        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            foreach (var t in type.GetGenericArguments().SelectMany(Flatten)) yield return t;
    }

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(Microsoft\.EntityFrameworkCore|Microsoft\.AspNetCore|MudBlazor)\b", RegexOptions.Multiline)]
    private static partial Regex ForbiddenUsing();

    [Theory]
    [InlineData("using Microsoft.EntityFrameworkCore;", true)]
    [InlineData("  using Microsoft.AspNetCore.Identity;", true)]
    [InlineData("global using MudBlazor;", true)]
    [InlineData("using static Microsoft.EntityFrameworkCore.EF;", true)]
    [InlineData("using Ef = Microsoft.EntityFrameworkCore;", true)]
    [InlineData("using System.Linq;", false)]
    [InlineData("// see Microsoft.AspNetCore docs", false)]
    [InlineData("using MudBlazorLike;", false)]
    public void The_source_check_recognises_forbidden_usings(string line, bool forbidden) =>
        Assert.Equal(forbidden, ForbiddenUsing().IsMatch(line));

    [Fact]
    public void No_domain_source_file_uses_infrastructure_namespaces()
    {
        var domainDir = Path.Combine(RepoRoot(), "AffiliateBlazor", "Domain");
        var files = Directory.EnumerateFiles(domainDir, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 10, $"expected the domain sources in {domainDir}, found {files.Count} file(s)");
        Assert.Contains(files, f => Path.GetFileName(f) == "CommissionCalculator.cs");

        var offenders = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => ForbiddenUsing().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(domainDir, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Domain sources use infrastructure:\n" + string.Join("\n", offenders));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AffiliateBlazor.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains AffiliateBlazor.sln.");
    }
}
