using Cuboid.Portfolio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cuboid.DependencyInjection;

/// <summary>Checks the bound <c>Cuboid</c> settings at start, with the same one-line messages as the config file's, naming the setting.</summary>
internal sealed class PortfolioSettingsValidator : IValidateOptions<PortfolioSettings>
{
    public ValidateOptionsResult Validate(string? name, PortfolioSettings options)
    {
        try
        {
            if (options.Origin is null)
            {
                options.Validate($"{CuboidServiceCollectionExtensions.SectionName} configuration");
            }
            else
            {
                options.Validate();
            }

            return ValidateOptionsResult.Success;
        }
        catch (CuboidException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
