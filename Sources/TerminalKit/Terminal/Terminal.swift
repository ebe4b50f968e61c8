/// Where frames are shown: the real terminal through ncurses, or a ``VirtualTerminal`` in tests.
///
/// A terminal keeps the last frame it showed and sends only the cells that changed.
public protocol Terminal: AnyObject {
    /// The size frames should be drawn at.
    var size: Size { get }

    /// What the terminal can show; themes are resolved for it.
    var capability: ColorCapability { get }

    /// The theme used to turn roles into colours. Changing it repaints everything on the next frame.
    var theme: Theme { get set }

    /// Shows `buffer`, writing only cells that differ from the last frame, and places the text cursor
    /// at `cursor` (hidden when nil).
    func present(_ buffer: Buffer, cursor: Point?)

    /// Forgets the last frame so the next one is written in full (after a resize, Ctrl-L or a resume).
    func invalidate()
}
