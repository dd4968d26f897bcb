using System.Reflection;
using System.Text.RegularExpressions;
using Cuboid.Media.Audio;
using Cuboid.Understanding;

namespace Cuboid.Tests;

/// <summary>Library errors carry a stable code and the library's name of the value at fault, and never a CLI flag.</summary>
public partial class CuboidExceptionTests
{
    [Fact]
    public void A_bad_option_names_its_parameter_the_library_way()
    {
        var request = new AnalyzeRequest { VideoPath = "v.mp4", Sampling = new SamplingSettings(0, true) };

        var error = Assert.Throws<CuboidException>(request.Validate);

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(CuboidErrorCodes.ValueInvalid, error.Code);
        Assert.Equal("Every", error.ParameterName);
        Assert.Equal("Every must be a positive duration, e.g. 5s", error.Message);
        Assert.Equal("every must be a positive duration, e.g. 5s", error.FormatMessage(p => p.Name.ToLowerInvariant()));
    }

    [Fact]
    public void Every_parameter_a_message_mentions_is_rendered_and_other_values_are_not_touched()
    {
        var to = CuboidParameters.To;
        var error = CuboidException.Usage(CuboidErrorCodes.ValueConflict, to, $"{to} ({1.5:0.0} s) must be after {CuboidParameters.From} in /To/From.mp4");

        Assert.Equal(["To", "From"], error.MentionedParameters.Select(p => p.Name));
        Assert.Equal("[To] (1.5 s) must be after [From] in /To/From.mp4", error.FormatMessage(p => $"[{p.Name}]"));
    }

    [Fact]
    public void A_failure_made_the_old_way_gets_the_general_code_of_its_kind()
    {
        Assert.Equal(CuboidErrorCodes.ValueInvalid, CuboidException.Usage("bad").Code);
        Assert.Equal(CuboidErrorCodes.InputInvalid, CuboidException.Input("bad").Code);
        Assert.Equal(CuboidErrorCodes.ProviderFailed, CuboidException.Provider("bad").Code);
        Assert.Equal(CuboidErrorCodes.BudgetExceeded, new CuboidException(ErrorKind.Budget, "over").Code);
        Assert.Null(CuboidException.Usage("bad").ParameterName);
    }

    [Fact]
    public async Task A_missing_input_file_is_an_input_error_with_its_own_code()
    {
        var error = await Assert.ThrowsAsync<CuboidException>(() => AudioExtractor.ExtractAsync("/nonexistent/clip.mp4"));

        Assert.Equal(CuboidErrorCodes.InputNotFound, error.Code);
        Assert.Equal("Input", error.ParameterName);
    }

    [Fact]
    public void Codes_are_distinct_lower_case_area_dot_reason()
    {
        var codes = typeof(CuboidErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.All(codes, code => Assert.Matches("^[a-z]+\\.[a-z_]+$", code));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_lists_every_parameter_once_under_its_own_name()
    {
        var fields = typeof(CuboidParameters).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.Name, Parameter: (CuboidParameter)f.GetValue(null)!)).ToList();

        Assert.All(fields, f => Assert.Equal(f.Name, f.Parameter.Name));
        Assert.Equal(fields.Select(f => f.Name).Order(), CuboidParameters.All.Select(p => p.Name).Order());
    }

    /// <summary>The source of every throw site: a usage error (a value the caller gave) must name its parameter, every
    /// error a code, and no message may name a command-line flag (a <c>'cuboid ...'</c> command hint aside).</summary>
    [Fact]
    public void Every_library_throw_site_has_a_code_and_every_usage_error_names_a_parameter()
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(LibrarySource(), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.EndsWith("CuboidException.cs", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (Match site in ThrowSite().Matches(text))
            {
                var where = $"{Path.GetFileName(file)}:{text[..site.Index].Count(c => c == '\n') + 1}";
                var call = site.Value;
                if (!call.Contains("CuboidErrorCodes.", StringComparison.Ordinal))
                {
                    problems.Add($"{where}: no code");
                }
                else if (call.StartsWith("CuboidException.Usage", StringComparison.Ordinal) && !UsageWithParameter().IsMatch(call))
                {
                    problems.Add($"{where}: a usage error names no parameter");
                }

                if (Flag().IsMatch(CommandHint().Replace(call, string.Empty)))
                {
                    problems.Add($"{where}: names a command-line flag");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static string LibrarySource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Cuboid");
            if (File.Exists(Path.Combine(candidate, "Cuboid.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/Cuboid not found above the test binaries");
    }

    // From the factory or constructor to the end of its statement: the first ';' that ends a line (messages use "; ").
    [GeneratedRegex(@"(CuboidException\.(Usage|Input|Provider)\(|new CuboidException\().*?;[ \t]*\r?$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ThrowSite();

    [GeneratedRegex(@"^CuboidException\.Usage\(CuboidErrorCodes\.\w+, (CuboidParameters\.\w+|\w+),\s")]
    private static partial Regex UsageWithParameter();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex Flag();

    [GeneratedRegex(@"'cuboid [^']*'")]
    private static partial Regex CommandHint();
}
