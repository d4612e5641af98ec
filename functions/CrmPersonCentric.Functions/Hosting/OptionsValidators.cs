using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Hosting;

// Source-generated data-annotation validators: the same rules and messages as ValidateDataAnnotations(), without
// reflection, so start-up validation also runs in the Native AOT executable.

/// <summary>Validates <see cref="DataverseOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class DataverseOptionsValidator : IValidateOptions<DataverseOptions>;

/// <summary>Validates <see cref="StorageOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

/// <summary>Validates <see cref="StepOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class StepOptionsValidator : IValidateOptions<StepOptions>;
