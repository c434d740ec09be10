public struct RegimenCommand { public static func main() async {} }
