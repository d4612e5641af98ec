namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Entity image kinds (sdkmessageprocessingstepimage.imagetype).</summary>
public enum ImageType
{
    /// <summary>The row before the operation.</summary>
    PreImage = 0,

    /// <summary>The row after the operation.</summary>
    PostImage = 1,
}
