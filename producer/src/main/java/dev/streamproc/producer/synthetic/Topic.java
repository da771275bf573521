package dev.streamproc.producer.synthetic;

import java.util.List;

/** A trending topic: its trend name (what the producer records as "topic") and its hashtag. */
record Topic(String name, String hashtag) {

    /** The pool a seed picks its trending topics from; several scripts on purpose. */
    static final List<Topic> POOL = List.of(
            new Topic("#WorldCup", "WorldCup"),
            new Topic("#AWSreInvent", "AWSreInvent"),
            new Topic("Tokyo Marathon", "TokyoMarathon"),
            new Topic("#月曜日", "月曜日"),
            new Topic("#FelizLunes", "FelizLunes"),
            new Topic("#رمضان_كريم", "رمضان_كريم"),
            new Topic("#IPL2026", "IPL2026"),
            new Topic("#春节", "春节"),
            new Topic("#ElClasico", "ElClasico"),
            new Topic("#Serverless", "Serverless"),
            new Topic("Champions League", "UCL"),
            new Topic("#Eurovision", "Eurovision"),
            new Topic("#BlackFriday", "BlackFriday"),
            new Topic("#NBAFinals", "NBAFinals"),
            new Topic("#दिवाली", "दिवाली"),
            new Topic("#Carnaval", "Carnaval"),
            new Topic("#Java", "Java"),
            new Topic("#地震", "地震"));
}
