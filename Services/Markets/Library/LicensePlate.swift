/// Mainland China vehicle plates (GA 36): a province abbreviation, the
/// letter of the issuing city, then 5 letters and digits, or 6 on a
/// new-energy plate. The letters I and O are never issued.
enum LicensePlate {
    static let provinces: Set<Character> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")
    static let serialCharacters: Set<Character> = Set("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// Returns the plate without separators and in upper case, such as
    /// "吉A5K2D8" for "吉A·5k2d8", or nil when it is not a well-formed plate.
    static func normalized(_ text: String) -> String? {
        let separators: Set<Character> = [" ", "·", "•", "-", "\u{3000}"]
        let plate = String(text.filter { !separators.contains($0) }.uppercased())
        let characters = Array(plate)
        guard characters.count == 7 || characters.count == 8 else {
            return nil
        }
        guard provinces.contains(characters[0]), characters[1].isASCII, characters[1].isLetter,
            characters[1] != "I", characters[1] != "O"
        else {
            return nil
        }
        guard characters[2...].allSatisfy({ serialCharacters.contains($0) }) else {
            return nil
        }
        return plate
    }
}
