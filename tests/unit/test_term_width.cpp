#include <catch2/catch.hpp>

#include "zoomqos/term/width.hpp"

using zoomqos::term::display_width;
using zoomqos::term::pad_left;
using zoomqos::term::pad_right;

TEST_CASE("display_width of empty and ASCII text", "[width]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("a") == 1);
    CHECK(display_width("audio out  23 kbps") == 18);
}

TEST_CASE("display_width of Latin accents precomposed and combining", "[width]") {
    CHECK(display_width("Zo\u00eb \u00c5kesson") == 11); // precomposed: 2 bytes, 1 column each
    CHECK(display_width("Zoe\u0308") == 3);              // e + COMBINING DIAERESIS
    CHECK(display_width("A\u030a\u0301") == 1);          // two marks on one letter
    CHECK(display_width("\u00d7") == 1);                 // the table's resolution sign
    CHECK(display_width("\u2014") == 1);                 // the table's unknown mark
}

TEST_CASE("display_width of CJK and Hangul and fullwidth forms", "[width]") {
    CHECK(display_width("\u7530\u4e2d \u592a\u90ce") == 9); // 田中 太郎
    CHECK(display_width("\ud55c\uad6d\uc5b4") == 6);        // 한국어
    CHECK(display_width("\uff21\uff22") == 4);              // fullwidth ＡＢ
    CHECK(display_width("\u3000") == 2);                    // ideographic space
    CHECK(display_width("\uff71") == 1);                    // halfwidth katakana stays narrow
    CHECK(display_width("\u304b\u3099") == 2);              // kana + combining voiced mark
    CHECK(display_width("\U00020000") == 2);                // CJK extension B, 4 bytes
}

TEST_CASE("display_width of emoji and zero-width characters", "[width]") {
    CHECK(display_width("\U0001F600") == 2);           // grinning face
    CHECK(display_width("\u2705") == 2);               // check mark button (BMP, wide)
    CHECK(display_width("\U0001F44D\U0001F3FD") == 2); // thumbs up + skin tone modifier
    CHECK(display_width("\u2764\ufe0f") == 1);         // text-default heart + VS16
    CHECK(display_width("a\u200bb") == 2);             // zero width space
    CHECK(display_width("a\u200db") == 2);             // zero width joiner
    CHECK(display_width("\ufeffa") == 1);              // byte order mark
    // Per code point, not per grapheme cluster (documented): man, ZWJ, woman.
    CHECK(display_width("\U0001F468\u200d\U0001F469") == 4);
}

TEST_CASE("display_width counts each invalid byte as one column", "[width]") {
    CHECK(display_width("\xff") == 1);
    CHECK(display_width("a\xff"
                        "b") == 3);
    CHECK(display_width("\x80") == 1);             // lone continuation byte
    CHECK(display_width("\xc0\xaf") == 2);         // overlong '/'
    CHECK(display_width("\xe0\x80\xaf") == 3);     // overlong, three bytes
    CHECK(display_width("\xed\xa0\x80") == 3);     // UTF-16 surrogate
    CHECK(display_width("\xf4\x90\x80\x80") == 4); // above U+10FFFF
    CHECK(display_width("\xf5\x80") == 2);         // lead byte that never occurs
}

TEST_CASE("display_width of truncated sequences", "[width]") {
    CHECK(display_width("\xe4\xb8") == 2);       // 中 without its last byte
    CHECK(display_width("\xf0\x9f\x98") == 3);   // 😀 without its last byte
    CHECK(display_width("ab\xe4") == 3);         // cut at the end of the text
    CHECK(display_width("\xe4\xb8\u4e2d") == 4); // resynchronises on the next character
    CHECK(display_width("\xc3"
                        "a") == 2); // lead byte followed by ASCII
}

TEST_CASE("display_width gives control characters no width", "[width]") {
    CHECK(display_width("\t") == 0);
    CHECK(display_width("\x1b[31m") == 4); // ESC itself is 0, "[31m" is 4
    CHECK(display_width("\xc2\x85") == 0); // C1 NEXT LINE
}

TEST_CASE("pad_right and pad_left align by display width", "[width]") {
    CHECK(pad_right("ab", 4) == "ab  ");
    CHECK(pad_right("\u7530\u4e2d", 6) == "\u7530\u4e2d  ");
    CHECK(pad_right("Zo\u00eb", 5) == "Zo\u00eb  ");
    CHECK(pad_right("toolong", 3) == "toolong"); // never truncates
    CHECK(pad_right("", 2) == "  ");
    CHECK(pad_left("1280\u00d7720", 10) == "  1280\u00d7720");
    CHECK(pad_left("\u7530", 3) == " \u7530");
    CHECK(pad_left("toolong", 3) == "toolong");
}
