using CrmPersonCentric.Application;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions;

// Source-generated data-annotation validators: the same rules and messages as ValidateDataAnnotations(), without
// reflection over the options at start-up.

/// <summary>Validates <see cref="DataverseOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class DataverseOptionsValidator : IValidateOptions<DataverseOptions>;

/// <summary>Validates <see cref="StepOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class StepOptionsValidator : IValidateOptions<StepOptions>;
