internal import CNCursesw

/// Turns what `wget_wch` returns into ``Key``s: control characters into Ctrl-letters, ESC followed by a
/// character into Alt-character, and terminfo key codes (including xterm's Ctrl/Alt arrows) into keys.
struct CursesKeyDecoder {
    private var extended: [Int32: Key] = [:]

    /// Reads the extended key codes the current terminal defines (call after `initscr`).
    mutating func loadExtendedKeys() {
        let names: [(String, Key)] = [
            ("kLFT5", Key(.left, modifiers: .control)), ("kRIT5", Key(.right, modifiers: .control)),
            ("kUP5", Key(.up, modifiers: .control)), ("kDN5", Key(.down, modifiers: .control)),
            ("kLFT3", Key(.left, modifiers: .alt)), ("kRIT3", Key(.right, modifiers: .alt)),
            ("kHOM5", Key(.home, modifiers: .control)), ("kEND5", Key(.end, modifiers: .control)),
            ("kDC5", Key(.delete, modifiers: .control)),
        ]
        for (name, key) in names {
            let code = cnc_extended_key_code(name)
            if code > 0 { extended[Int32(code)] = key }
        }
    }

    /// The key for a function-key code (`wget_wch` returned `KEY_CODE_YES`); nil for codes we ignore.
    func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return Key(.up)
        case KEY_DOWN: return Key(.down)
        case KEY_LEFT: return Key(.left)
        case KEY_RIGHT: return Key(.right)
        case KEY_SLEFT: return Key(.left, modifiers: .shift)
        case KEY_SRIGHT: return Key(.right, modifiers: .shift)
        case KEY_HOME: return Key(.home)
        case KEY_END: return Key(.end)
        case KEY_PPAGE: return Key(.pageUp)
        case KEY_NPAGE: return Key(.pageDown)
        case KEY_BACKSPACE: return Key(.backspace)
        case KEY_DC: return Key(.delete)
        case KEY_IC: return Key(.insert)
        case KEY_ENTER: return Key(.enter)
        case KEY_BTAB: return Key(.backTab)
        default:
            let f0 = Int32(cnc_key_f0())
            if code > f0, code <= f0 + 24 { return Key(.function(Int(code - f0))) }
            return extended[code]
        }
    }

    /// The key for a character code (`wget_wch` returned `OK`); nil for ESC, which needs a look-ahead.
    static func characterKey(_ scalarValue: UInt32) -> Key? {
        switch scalarValue {
        case 9: return Key(.tab)
        case 10, 13: return Key(.enter)
        case 8, 127: return Key(.backspace)
        case 27: return nil
        case 0: return Key(.character(" "), modifiers: .control)
        case 1...26: return Key.control(Character(Unicode.Scalar(UInt8(scalarValue) + 96)))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
            return Key.character(Character(scalar))
        }
    }
}
