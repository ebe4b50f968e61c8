/*
 * CNCursesw: the wide-character ncurses API for Swift.
 *
 * Swift cannot import function-like macros (COLOR_PAIR, A_BOLD, getmaxyx) or use ncurses' global
 * variables (stdscr, COLORS) under strict concurrency, so this header re-exposes them as inline
 * functions. It also carries the async-signal-safe signal handlers: a handler may only call
 * async-signal-safe functions, so it lives in C and does nothing but write the signal number to
 * the UI loop's wake-up pipe (fatal signals restore the terminal first and re-raise).
 */
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

/* MARK: start-up */

/* Like initscr, but returns 0 on failure (an unknown TERM) instead of printing and exiting. */
/* Whether the terminal can move the cursor anywhere (terminfo `cup`): without it (TERM=dumb) a
 * full-screen program can draw nothing but one line. */
static inline int cnc_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* Whether the terminal has an alternate screen (terminfo `smcup`) that hides the app's last frame
 * when it ends; vt100 and the Linux console have none. */
static inline int cnc_has_alternate_screen(void) {
    char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (char *)-1;
}

/* Starts ncurses on the controlling terminal: 1 when started, 0 when the terminal type is unknown,
 * -1 when it cannot address the cursor (the screen is closed again). */
static inline int cnc_start_screen(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) {
        return 0;
    }
    set_term(screen);
    if (!cnc_can_address_cursor()) {
        endwin();
        delscreen(screen);
        return -1;
    }
    return 1;
}

/*
 * Starts ncurses on /dev/null with terminal type `term` and a fixed size: everything ncurses does,
 * nothing shown. For benchmarks and backend tests without a terminal (as tig's TIG_NO_DISPLAY does).
 */
static inline int cnc_start_headless_screen(const char *term, int rows, int cols) {
    FILE *out = fopen("/dev/null", "w");
    FILE *in = fopen("/dev/null", "r");
    if (out == NULL || in == NULL) {
        return 0;
    }
    SCREEN *screen = newterm(term, out, in);
    if (screen == NULL) {
        return 0;
    }
    set_term(screen);
    if (!cnc_can_address_cursor()) {
        endwin();
        delscreen(screen);
        return -1;
    }
    resizeterm(rows, cols);
    return 1;
}

/* Reads up to `n` wide characters of row `y` of the standard screen (for backend tests). */
static inline int cnc_read_row(int y, wchar_t *buffer, int n) { return mvwinnwstr(stdscr, y, 0, buffer, n); }

/* MARK: globals as functions */

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline int cnc_err(void) { return ERR; }
static inline int cnc_key_code_yes(void) { return KEY_CODE_YES; }

/* MARK: locale and width */

/*
 * Adopts the user's locale (as ncursesw requires before initscr) and, when that locale is not UTF-8
 * (a bare "C" or "POSIX" under test runners and cron), switches character handling to C.UTF-8 so
 * wcwidth and wide-character output still work. Returns 1 when the result is UTF-8.
 */
static inline int cnc_adopt_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) {
        return 1;
    }
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL && setlocale(LC_CTYPE, "en_US.UTF-8") == NULL) {
        return 0;
    }
    codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

static inline int cnc_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/* MARK: attributes */

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_italic(void) { return A_ITALIC; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_blink(void) { return A_BLINK; }
static inline attr_t cnc_a_standout(void) { return A_STANDOUT; }

/* MARK: cells */

/*
 * Writes one grapheme (up to 8 wide characters: a base and its combining marks) at (y, x) with the
 * given attributes and colour pair. Pairs above 32767 travel through setcchar's `opts` argument,
 * which ncurses 6.1+ reads as an extended pair number.
 */
static inline int cnc_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    int extended = pair;
    short shortPair = pair > 32767 ? 0 : (short)pair;
    if (setcchar(&cell, text, attrs, shortPair, &extended) == ERR) {
        /* More scalars than a cchar_t holds (long emoji sequences): write them as a string instead. */
        wattr_set(win, attrs, shortPair, &extended);
        int result = mvwaddwstr(win, y, x, text);
        wattr_set(win, A_NORMAL, 0, NULL);
        return result;
    }
    return mvwadd_wch(win, y, x, &cell);
}

/* Reports whether terminfo defines the extended key `name` (e.g. "kLFT5") and returns its key code, or 0. */
static inline int cnc_extended_key_code(const char *name) {
    char *sequence = tigetstr(name);
    if (sequence == NULL || sequence == (char *)-1) {
        return 0;
    }
    int code = key_defined(sequence);
    return code > 0 ? code : 0;
}

static inline int cnc_key_f0(void) { return KEY_F0; }

/* Reads the terminal's size from the kernel (ncurses' LINES/COLS lag behind a SIGWINCH we handle). */
static inline int cnc_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) {
        return -1;
    }
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* MARK: mouse */

static inline mmask_t cnc_mouse_all_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t cnc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnc_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cnc_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cnc_button3_clicked(void) { return BUTTON3_CLICKED | BUTTON3_PRESSED; }
static inline mmask_t cnc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

/* MARK: signals */

/*
 * The wake-up pipe's write end, shared with the handlers. Every handler and the installer live in
 * this one inline function family, so whichever copy the compiler emits sees the same slot.
 */
static inline volatile sig_atomic_t *cnc_signal_fd_slot(void) {
    static volatile sig_atomic_t fd = -1;
    return &fd;
}

static inline void cnc_forwarding_handler(int signo) {
    int saved = errno;
    int fd = (int)*cnc_signal_fd_slot();
    if (fd >= 0) {
        unsigned char byte = (unsigned char)signo;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

static inline void cnc_fatal_handler(int signo) {
    /* Not strictly async-signal-safe, but the process is dying; restoring the terminal is worth it. */
    endwin();
    signal(signo, SIG_DFL);
    raise(signo);
}

/*
 * Routes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT and SIGWINCH to `fd` (one byte holding
 * the signal number) and makes SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP and SIGSYS
 * restore the terminal before dying. SIGPIPE is ignored so a closed terminal reads as EIO.
 */
static inline int cnc_install_signal_handlers(int fd) {
    *cnc_signal_fd_slot() = fd;
    struct sigaction forward;
    memset(&forward, 0, sizeof forward);
    forward.sa_handler = cnc_forwarding_handler;
    sigemptyset(&forward.sa_mask);
    forward.sa_flags = SA_RESTART;
    int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH};
    for (unsigned i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        if (sigaction(forwarded[i], &forward, NULL) != 0) {
            return -1;
        }
    }
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = cnc_fatal_handler;
    sigemptyset(&fatal.sa_mask);
    fatal.sa_flags = SA_RESETHAND | SA_NODEFER;
    int fatals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS};
    for (unsigned i = 0; i < sizeof fatals / sizeof fatals[0]; i++) {
        if (sigaction(fatals[i], &fatal, NULL) != 0) {
            return -1;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

/* Puts every signal back to its default action and forgets the pipe. */
static inline void cnc_restore_signal_handlers(void) {
    *cnc_signal_fd_slot() = -1;
    int all[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH,
                 SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGPIPE};
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) {
        signal(all[i], SIG_DFL);
    }
}

/* Stops the process the way the shell expects (default SIGTSTP), then re-arms our handler. */
static inline void cnc_suspend_self(void) {
    struct sigaction old;
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &old);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &old, NULL);
}

#endif
