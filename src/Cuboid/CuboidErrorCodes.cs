namespace Cuboid;

/// <summary>The stable machine codes of <see cref="CuboidException.Code"/>: <c>area.reason</c>, lower case. A code is never
/// renamed or reused for another meaning; new ones may be added. The message says the same for people.</summary>
public static class CuboidErrorCodes
{
    /// <summary>A value is malformed or out of range (<see cref="CuboidException.ParameterName"/> says which).</summary>
    public const string ValueInvalid = "value.invalid";

    /// <summary>A required value is missing.</summary>
    public const string ValueMissing = "value.missing";

    /// <summary>Two values cannot be given together, or are in the wrong order (a range's end before its start).</summary>
    public const string ValueConflict = "value.conflict";

    /// <summary>A value is too large for the planner or counter to work with.</summary>
    public const string ValueTooLarge = "value.too_large";

    /// <summary>A budget is not a positive number of dollars.</summary>
    public const string BudgetInvalid = "budget.invalid";

    /// <summary>A call would exceed the run's budget.</summary>
    public const string BudgetExceeded = "budget.exceeded";

    /// <summary>A model, model family, GPU, host, provider or task the catalog does not know.</summary>
    public const string ModelUnknown = "model.unknown";

    /// <summary>A known model that cannot do what was asked of it.</summary>
    public const string ModelUnsuitable = "model.unsuitable";

    /// <summary>The input file does not exist.</summary>
    public const string InputNotFound = "input.not_found";

    /// <summary>The input is a directory, an empty file, or was not given.</summary>
    public const string InputNotAFile = "input.not_a_file";

    /// <summary>The input cannot be read (permissions, I/O).</summary>
    public const string InputUnreadable = "input.unreadable";

    /// <summary>The input is not a video (or image) ffmpeg can read, or has no stream to work on.</summary>
    public const string InputNotMedia = "input.not_media";

    /// <summary>The input ends before its header says, or a time asked for is beyond what decodes.</summary>
    public const string InputTruncated = "input.truncated";

    /// <summary>Decoding the input failed part way.</summary>
    public const string InputDecodeFailed = "input.decode_failed";

    /// <summary>The output path is unusable: a file where a folder belongs, a folder holding other files, the input itself.</summary>
    public const string OutputInvalid = "output.invalid";

    /// <summary>The output cannot be written (permissions, a full disk).</summary>
    public const string OutputUnwritable = "output.unwritable";

    /// <summary>A catalog, families, GPUs or ratings file is missing or not in its documented shape.</summary>
    public const string CatalogInvalid = "catalog.invalid";

    /// <summary>The config file is missing or holds an invalid setting.</summary>
    public const string ConfigInvalid = "config.invalid";

    /// <summary>The cache or job store cannot be opened, or was written by a newer Cuboid.</summary>
    public const string StoreUnavailable = "store.unavailable";

    /// <summary>No job with that id is in the job store.</summary>
    public const string JobNotFound = "job.not_found";

    /// <summary>The job's state does not allow the operation (download before success, cancel after the end).</summary>
    public const string JobState = "job.state";

    /// <summary>ffmpeg or ffprobe is not installed.</summary>
    public const string ToolMissing = "tool.missing";

    /// <summary>No configured provider or host can serve the request (no key, nothing that fits).</summary>
    public const string ProviderUnavailable = "provider.unavailable";

    /// <summary>The provider failed after retries and fallbacks, or rejected the request.</summary>
    public const string ProviderFailed = "provider.failed";

    /// <summary>The provider answered, but not usably (unparseable, cut short, an unplayable output).</summary>
    public const string ProviderBadAnswer = "provider.bad_answer";

    /// <summary>The work does not fit the model's context window.</summary>
    public const string ProviderContextExceeded = "provider.context_exceeded";

    /// <summary>A job did not finish in the time allowed.</summary>
    public const string ProviderTimeout = "provider.timeout";

    /// <summary>An input error with no more specific code.</summary>
    public const string InputInvalid = "input.invalid";

    /// <summary>The code of a failure made without one: <see cref="ValueInvalid"/>, <see cref="InputInvalid"/>,
    /// <see cref="ProviderFailed"/> or <see cref="BudgetExceeded"/>.</summary>
    public static string General(ErrorKind kind) => kind switch
    {
        ErrorKind.Usage => ValueInvalid,
        ErrorKind.Input => InputInvalid,
        ErrorKind.Budget => BudgetExceeded,
        _ => ProviderFailed,
    };
}
