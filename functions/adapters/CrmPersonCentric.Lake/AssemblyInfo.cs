[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CrmPersonCentric.Lake.Tests")]
