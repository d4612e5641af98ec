using CrmPersonCentric.Application;
using CrmPersonCentric.Backend.Services;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Backend.Runtime;

// Source-generated data-annotation validators: the same rules and messages as ValidateDataAnnotations(), without
// reflection over the options at start-up.

/// <summary>Validates <see cref="DataverseOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class DataverseOptionsValidator : IValidateOptions<DataverseOptions>;

/// <summary>Validates <see cref="StorageOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

/// <summary>Validates <see cref="StepOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class StepOptionsValidator : IValidateOptions<StepOptions>;
