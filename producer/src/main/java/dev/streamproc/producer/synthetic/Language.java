package dev.streamproc.producer.synthetic;

import java.util.List;

/**
 * Text material for one language: phrases a tweet is built from, display names, places.
 * Kept small on purpose; enough to exercise multilingual text, right-to-left scripts,
 * CJK without spaces and emoji in every stage of the pipeline.
 */
enum Language {
    EN("en", 0.40,
            List.of("Can't believe what just happened", "This is the best thing I've seen all week",
                    "Watching live right now", "Who else is following this?", "Big news today",
                    "Honestly did not expect that", "Thread below, worth a read", "Absolutely incredible scenes"),
            List.of("Emma Johnson", "Liam Smith", "Olivia Brown", "Noah Davis", "Ava Wilson", "Jack Taylor"),
            List.of("London", "New York, NY", "Sydney", "Toronto", "")),
    JA("ja", 0.16,
            List.of("今日のニュースすごい", "これは見逃せない", "みんな見てる？", "最高の一日でした",
                    "ついに発表されました", "朝からずっと追いかけてる"),
            List.of("さくら", "山田太郎", "佐藤はるか", "たなか", "鈴木一郎"),
            List.of("東京", "大阪", "札幌", "")),
    ES("es", 0.14,
            List.of("No puedo creer lo que acaba de pasar", "¡Qué partidazo!", "Esto es histórico",
                    "¿Alguien más lo está viendo?", "Increíble ambiente hoy", "Mañana seguimos"),
            List.of("María García", "José Martínez", "Lucía Fernández", "Carlos López", "Sofía Ruiz"),
            List.of("Madrid", "Ciudad de México", "Buenos Aires", "Bogotá", "")),
    AR("ar", 0.09,
            List.of("خبر رائع اليوم", "لا أصدق ما حدث", "شاهدوا هذا الآن", "يوم تاريخي",
                    "الله يوفق الجميع"),
            List.of("محمد العلي", "فاطمة حسن", "أحمد سالم", "نورة"),
            List.of("الرياض", "القاهرة", "دبي", "")),
    HI("hi", 0.08,
            List.of("आज का दिन शानदार रहा", "यह देखकर बहुत खुशी हुई", "क्या आप सब देख रहे हैं?",
                    "बड़ी खबर", "अविश्वसनीय मैच"),
            List.of("राहुल शर्मा", "प्रिया सिंह", "अमित कुमार", "Ananya Gupta"),
            List.of("मुंबई", "Delhi", "Bengaluru", "")),
    ZH("zh", 0.07,
            List.of("今天的新闻太精彩了", "大家都在看吗", "终于等到了", "这场比赛太好看了", "历史性的一刻"),
            List.of("王伟", "李娜", "张敏", "刘洋"),
            List.of("北京", "上海", "台北", "")),
    PT("pt", 0.06,
            List.of("Que jogo incrível", "Não acredito no que aconteceu", "Todo mundo assistindo?",
                    "Dia histórico hoje"),
            List.of("Ana Souza", "João Silva", "Beatriz Lima", "Pedro Alves"),
            List.of("São Paulo", "Rio de Janeiro", "Lisboa", ""));

    final String code;
    final double share;
    final List<String> phrases;
    final List<String> names;
    final List<String> places;

    Language(String code, double share, List<String> phrases, List<String> names, List<String> places) {
        this.code = code;
        this.share = share;
        this.phrases = phrases;
        this.names = names;
        this.places = places;
    }

    static final List<String> EMOJI = List.of("🔥", "😂", "❤️", "👏", "🙌", "😮", "🎉", "⚽", "🏆", "👀", "💯", "🇯🇵", "🇪🇸");
}
