#include "zoomqos/term/width.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "zoomqos/text/text.hpp"

namespace zoomqos::term {

namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// A compact table instead of wcwidth(3): the C library's answer depends on the
// locale the user happens to run under, and the output must not.
//
// Zero width: combining marks (they draw on the character before them),
// Hangul medial vowels and final consonants (they join the initial), zero-width
// spaces and joiners, bidi controls, variation selectors, emoji skin-tone
// modifiers (they recolour the emoji before them) and tag characters.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF},   {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7},   {0x0610, 0x061A},   {0x064B, 0x065F},   {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4},   {0x06E7, 0x06E8},   {0x06EA, 0x06ED},   {0x0900, 0x0902},
    {0x093A, 0x093A}, {0x093C, 0x093C},   {0x0941, 0x0948},   {0x094D, 0x094D},   {0x0951, 0x0957},
    {0x0962, 0x0963}, {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},   {0x1160, 0x11FF},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},   {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x206F},
    {0x20D0, 0x20FF}, {0x3099, 0x309A},   {0xD7B0, 0xD7FF},   {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF}, {0x1F3FB, 0x1F3FF}, {0xE0001, 0xE007F}, {0xE0100, 0xE01EF},
};

// Two columns: East Asian Wide and Fullwidth (CJK, kana, Hangul syllables,
// fullwidth forms) and the emoji that terminals draw wide by default. Whole
// blocks where the standard is nearly uniform, to keep the table short.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Binary search needs sorted, disjoint ranges; a typo in the tables above
// fails the build instead of silently mis-measuring.
template <std::size_t N>
constexpr bool sorted_and_disjoint(const Range (&ranges)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
        if (ranges[i].first > ranges[i].last) {
            return false;
        }
        if (i > 0 && ranges[i - 1].last >= ranges[i].first) {
            return false;
        }
    }
    return true;
}
static_assert(sorted_and_disjoint(kZeroWidth));
static_assert(sorted_and_disjoint(kWide));

template <std::size_t N>
bool in(const Range (&ranges)[N], char32_t cp) {
    const auto* it =
        std::upper_bound(std::begin(ranges), std::end(ranges), cp,
                         [](char32_t value, const Range& r) { return value < r.first; });
    return it != std::begin(ranges) && cp <= std::prev(it)->last;
}

std::size_t width_of(char32_t cp) {
    if (text::is_control(cp) || in(kZeroWidth, cp)) {
        return 0;
    }
    return in(kWide, cp) ? 2 : 1;
}

} // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const text::CodePoint d = text::decode_utf8(utf8, i);
        width += d.valid ? width_of(d.value) : 1;
        i += d.length;
    }
    return width;
}

std::string pad_right(std::string_view text, std::size_t width) {
    std::string padded(text);
    const std::size_t used = display_width(text);
    if (used < width) {
        padded.append(width - used, ' ');
    }
    return padded;
}

std::string pad_left(std::string_view text, std::size_t width) {
    const std::size_t used = display_width(text);
    std::string padded(used < width ? width - used : 0, ' ');
    padded.append(text);
    return padded;
}

} // namespace zoomqos::term
