/* Links the packed vocabularies (built from the .tiktoken files next to this
   file by src/tools/vocab_pack, see src/core/tokens/vocab.hpp) into the library. */
    .section .rodata
    .balign 64
    .globl toon_vocab_cl100k_base
    .hidden toon_vocab_cl100k_base
toon_vocab_cl100k_base:
    .incbin "src/vocab/cl100k_base.bin"
    .globl toon_vocab_cl100k_base_end
    .hidden toon_vocab_cl100k_base_end
toon_vocab_cl100k_base_end:
    .balign 64
    .globl toon_vocab_o200k_base
    .hidden toon_vocab_o200k_base
toon_vocab_o200k_base:
    .incbin "src/vocab/o200k_base.bin"
    .globl toon_vocab_o200k_base_end
    .hidden toon_vocab_o200k_base_end
toon_vocab_o200k_base_end:
    .section .note.GNU-stack,"",@progbits
