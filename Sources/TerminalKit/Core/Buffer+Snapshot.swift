extension Buffer {
    /// A plain-text picture of the buffer for snapshot files: the text layer (each row ends in `|`, so
    /// trailing blanks show), then a style layer with one symbol per cell, then the legend naming each
    /// symbol's role and added attributes. Plain `text` cells are `.`.
    public func snapshot() -> String {
        let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var legend: [Style: Character] = [.plain: "."]
        var order: [Style] = [.plain]
        var styleRows: [String] = []
        for y in 0..<size.height {
            var row = ""
            for x in 0..<size.width {
                let style = cells[y * size.width + x].style
                if let symbol = legend[style] {
                    row.append(symbol)
                } else {
                    let symbol = order.count - 1 < symbols.count ? symbols[order.count - 1] : "?"
                    legend[style] = symbol
                    order.append(style)
                    row.append(symbol)
                }
            }
            styleRows.append(row)
        }
        var out = "size \(size)\n-- text\n"
        for y in 0..<size.height { out += line(y) + "|\n" }
        out += "-- styles\n"
        for row in styleRows { out += row + "\n" }
        out += "-- legend\n"
        for style in order {
            guard let symbol = legend[style] else { continue }
            let extras = Attributes.names.filter { style.adding.contains($0.1) }.map { "+" + $0.0 }
            out += "\(symbol) \(([style.role.name] + extras).joined(separator: " "))\n"
        }
        return out
    }
}
