Console.WriteLine("Purl.AppHost: coming in this issue");
