namespace CrmPersonCentric.Model;

/// <summary>
/// The four messaging layers, from the company's vision down to the human being. A persona's messaging
/// "reaches" a layer when its themes speak to that layer.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<MessagingLayer>))]
public enum MessagingLayer
{
    /// <summary>Layer 1: the corporate vision.</summary>
    CorporateVision = 1,

    /// <summary>Layer 2: the department's mission.</summary>
    DepartmentMission = 2,

    /// <summary>Layer 3: the job role's key result areas.</summary>
    JobRoleKra = 3,

    /// <summary>Layer 4: the person's deep personal desire.</summary>
    DeepPersonalDesire = 4,
}
