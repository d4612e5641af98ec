namespace CrmPersonCentric.Model;

/// <summary>The function of the company that recorded a signal: one person meets all of them as one brand.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<SignalSource>))]
public enum SignalSource
{
    /// <summary>Marketing (campaigns, content, nurture).</summary>
    Marketing = 0,

    /// <summary>Sales (meetings, calls, proposals).</summary>
    Sales = 1,

    /// <summary>Community (forums, user groups, champions programmes).</summary>
    Community = 2,

    /// <summary>Product (in-product feedback, betas, usage milestones).</summary>
    Product = 3,

    /// <summary>Customer success (onboarding, reviews, renewals).</summary>
    CustomerSuccess = 4,

    /// <summary>Events (conferences, webinars, meet-ups).</summary>
    Events = 5,
}
