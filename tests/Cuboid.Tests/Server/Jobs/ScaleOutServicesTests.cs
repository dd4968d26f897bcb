using Cuboid.Server.Jobs;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>The scale-out wiring keeps each host's Hangfire pieces its own, whatever other hosts in the process do.</summary>
public sealed class ScaleOutServicesTests
{
    [Fact]
    public void A_hosts_steps_are_activated_in_its_own_services_even_when_another_host_configured_hangfire_after_it()
    {
        using var provider = new ServiceCollection().AddLogging().AddCuboidScaleOut(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var previous = JobActivator.Current;
        var otherHosts = new JobActivator();
        try
        {
            // This host configures Hangfire (as when it starts), then another host in the process does the same before
            // this host's workers ask for their activator: Hangfire's own registration would hand them the other host's.
            provider.GetRequiredService<IGlobalConfiguration>();
            JobActivator.Current = otherHosts;

            var activator = provider.GetRequiredService<JobActivator>();

            Assert.NotSame(otherHosts, activator);
            Assert.IsType<AspNetCoreJobActivator>(activator);
        }
        finally
        {
            JobActivator.Current = previous;
        }
    }
}
