/**
 * People whose display form is fixed by usage, and people whose names do not follow the
 * surname-first rule (given-name-first Koreans, non-Koreans). The display spelling is what the
 * people facet shows, so it must be the one readers know.
 */
export interface KnownPerson {
  /** Facet value. */
  display: string;
  /** Surname-first spelling the key is computed from, when `display` is given-name-first. */
  keyFrom?: string;
  /** Other spellings seen in the news, beyond what folding already covers. */
  aliases?: readonly string[];
  hangul?: readonly string[];
  /** Not a Korean name: the key is the lower-case name and no folding applies. */
  foreign?: boolean;
}

export const KNOWN_PEOPLE: readonly KnownPerson[] = [
  { display: 'Kim Jong-un', hangul: ['김정은'], aliases: ['Kim Jong Un', 'Kim Jongun'] },
  { display: 'Kim Jong-il', hangul: ['김정일'], aliases: ['Kim Jong Il'] },
  { display: 'Kim Il-sung', hangul: ['김일성'], aliases: ['Kim Il Sung'] },
  { display: 'Kim Yo-jong', hangul: ['김여정'], aliases: ['Kim Yo Jong'] },
  { display: 'Kim Jong-nam', hangul: ['김정남'], aliases: ['Kim Jong Nam'] },
  { display: 'Kim Dae-jung', hangul: ['김대중'], aliases: ['Kim Dae Jung'] },
  { display: 'Kim Young-sam', hangul: ['김영삼'], aliases: ['Kim Yong Sam'] },
  { display: 'Kim Yong-chol', hangul: ['김영철'], aliases: ['Kim Yong Chol', 'Kim Yong-chul'] },
  { display: 'Moon Jae-in', hangul: ['문재인'], aliases: ['Moon Jae In', 'Mun Jae-in'] },
  { display: 'Moon Chung-in', hangul: ['문정인'], aliases: ['Moon Chung In'] },
  { display: 'Park Geun-hye', hangul: ['박근혜'], aliases: ['Park Geun Hye', 'Pak Kun Hye'] },
  { display: 'Park Chung-hee', hangul: ['박정희'], aliases: ['Park Chung Hee', 'Pak Jong Hui'] },
  { display: 'Lee Myung-bak', hangul: ['이명박'], aliases: ['Lee Myung Bak', 'Ri Myong Bak'] },
  { display: 'Lee Jae-myung', hangul: ['이재명'], aliases: ['Lee Jae Myung'] },
  { display: 'Roh Moo-hyun', hangul: ['노무현'], aliases: ['Roh Moo Hyun', 'No Mu Hyon'] },
  { display: 'Roh Tae-woo', hangul: ['노태우'], aliases: ['Roh Tae Woo'] },
  { display: 'Chun Doo-hwan', hangul: ['전두환'], aliases: ['Chun Doo Hwan', 'Jeon Du-hwan'] },
  { display: 'Yoon Suk-yeol', hangul: ['윤석열'], aliases: ['Yoon Suk Yeol', 'Yun Sok Yol'] },
  { display: 'Ban Ki-moon', hangul: ['반기문'], aliases: ['Ban Ki Moon'] },
  { display: 'Han Duck-soo', hangul: ['한덕수'], aliases: ['Han Duck Soo', 'Han Deok-su'] },
  { display: 'Choe Son-hui', hangul: ['최선희'], aliases: ['Choe Son Hui', 'Choi Sun-hee'] },
  { display: 'Choe Ryong-hae', hangul: ['최룡해'], aliases: ['Choe Ryong Hae', 'Choi Yong-hae'] },
  { display: 'Ri Yong-ho', hangul: ['리용호'], aliases: ['Ri Yong Ho', 'Lee Yong-ho'] },
  { display: 'Ri Sol-ju', hangul: ['리설주'], aliases: ['Ri Sol Ju', 'Lee Seol-ju'] },
  { display: 'Pak Pong-ju', hangul: ['박봉주'], aliases: ['Pak Pong Ju', 'Park Bong-ju'] },
  { display: 'Chung Eui-yong', hangul: ['정의용'], aliases: ['Chung Eui Yong', 'Jeong Ui-yong'] },
  { display: 'Kang Kyung-wha', hangul: ['강경화'], aliases: ['Kang Kyung Wha', 'Gang Gyeong-hwa'] },
  { display: 'Cheong Seong-chang', hangul: ['정성장'], aliases: ['Cheong Seong Chang'] },
  { display: 'Hyun Song-wol', hangul: ['현송월'], aliases: ['Hyon Song Wol'] },
  // People of data/sample whose spelling a key cannot recover (North Korean Yong, not Young;
  // Chung and Cho, not Jung and Jo; 균 behind Myoung-gyon).
  {
    display: 'Jang Song-thaek',
    hangul: ['장성택'],
    aliases: ['Jang Song Thaek', 'Chang Sung-taek'],
  },
  { display: 'Kim Kyong-hui', hangul: ['김경희'], aliases: ['Kim Kyong Hui', 'Kim Kyung-hee'] },
  { display: 'Kim Yong-nam', hangul: ['김영남'], aliases: ['Kim Yong Nam'] },
  { display: 'Kim Yong-il', hangul: ['김영일'], aliases: ['Kim Yong Il'] },
  { display: 'Hwang Pyong-so', hangul: ['황병서'], aliases: ['Hwang Pyong So', 'Hwang Byung-seo'] },
  { display: 'Choi Soon-sil', hangul: ['최순실'], aliases: ['Choi Soon Sil', 'Choe Sun-sil'] },
  { display: 'Hwang Kyo-ahn', hangul: ['황교안'], aliases: ['Hwang Kyo Ahn'] },
  { display: 'Han Dong-hoon', hangul: ['한동훈'], aliases: ['Han Dong Hoon'] },
  { display: 'Chung Dong-young', hangul: ['정동영'], aliases: ['Chung Dong Young'] },
  { display: 'Lee Hoi-chang', hangul: ['이회창'], aliases: ['Lee Hoi Chang', 'Lee Hoe-chang'] },
  { display: 'Lee Nak-yon', hangul: ['이낙연'], aliases: ['Lee Nak Yon', 'Lee Nak-yeon'] },
  { display: 'Kim Eui-kyeom', hangul: ['김의겸'], aliases: ['Kim Eui Kyeom', 'Kim Ui-gyeom'] },
  {
    display: 'Cho Myoung-gyon',
    hangul: ['조명균'],
    aliases: ['Cho Myoung Gyon', 'Cho Myung-kyun'],
  },
  { display: 'Kwon Yang-sook', hangul: ['권양숙'], aliases: ['Kwon Yang Sook'] },
  { display: 'Kim Kwan-jin', hangul: ['김관진'], aliases: ['Kim Kwan Jin'] },
  { display: 'Kim Min-seok', hangul: ['김민석'], aliases: ['Kim Min Seok'] },
  { display: 'Kim Moon-soo', hangul: ['김문수'], aliases: ['Kim Moon Soo', 'Kim Mun-su'] },
  {
    display: 'Syngman Rhee',
    keyFrom: 'Rhee Seung-man',
    hangul: ['이승만'],
    // His own spelling of the given name, after any spelling of the surname.
    aliases: ['Rhee Syngman', 'Yi Sung-man', 'Lee Syngman', 'Yi Syngman', 'Syngman Lee'],
  },
  // Usage a key cannot recover: 연아 written as it sounds (Yuna), a Western first name.
  {
    display: 'Kim Yu-na',
    hangul: ['김연아'],
    aliases: ['Kim Yuna', 'Kim Yu Na', 'Yuna Kim', 'Yu-na Kim', 'Kim Yeon-a', 'Kim Yeon-ah'],
  },
  {
    display: 'Lee Jae-yong',
    hangul: ['이재용'],
    aliases: ['Lee Jae Yong', 'Jay Y. Lee', 'Jay Y Lee', 'Jay Lee Jae-yong'],
  },
  { display: 'Sung Kim', keyFrom: 'Kim Sung', aliases: ['Sung Y. Kim'] },
  { display: 'Joe Biden', foreign: true },
  { display: 'Donald Trump', foreign: true },
  { display: 'Barack Obama', foreign: true },
  { display: 'Xi Jinping', foreign: true },
  { display: 'Shinzo Abe', foreign: true },
  { display: 'Fumio Kishida', foreign: true },
  { display: 'Vladimir Putin', foreign: true },
  { display: 'Mike Pompeo', foreign: true },
  { display: 'Antony Blinken', foreign: true },
  { display: 'Kamala Harris', foreign: true },
  // Asian leaders the news names often, whose names the Korean rules would read as someone else
  // (Lee Kuan Yew as 이구안, Ho Chi Minh as 허지).
  { display: 'Lee Kuan Yew', foreign: true },
  { display: 'Lee Hsien Loong', foreign: true },
  { display: 'Lee Teng-hui', foreign: true, aliases: ['Lee Teng Hui'] },
  { display: 'Ho Chi Minh', foreign: true },
  { display: 'Sun Yat-sen', foreign: true, aliases: ['Sun Yat Sen'] },
];

/**
 * Places written like a Korean name: a surname spelling and a syllable (`Hong Kong` would be
 * 홍공, `In Hong Kong` a given-name-first 공인홍). Each is taken where it stands, as a known
 * spelling is, and names no one. (The registry's `ignore` list is looser: it drops a name read
 * with exactly that spelling, and leaves what is read around it.)
 */
export const NOT_PEOPLE: readonly string[] = ['Hong Kong', 'Ho Chi Minh City'];

/**
 * Hangul syllables common in given names. Joined or space-separated given names (`Jongun`,
 * `Geun Hye`) carry less evidence than `Jong-un`, so they must be built from these to count as a
 * name; `Landing` (lan + ding) is then not one.
 */
export const COMMON_GIVEN_SYLLABLES =
  '가각간갑강개건걸검견경계고곤공관광교구국군권규균근금기길나낙남내녀년념노농누늘다단달담당대덕도돈동두득등라락란람랑래량려련렬령례로록론룡루류륜률리린림마만망매맹면명모목몽무묵문미민박반발방배백범법벽변병보복본봉부분비빈사산삼상새생서석선설섬섭성세소솔송수숙순술숭슬승시식신실심아악안애야약양어억언엄업여역연열염엽영예오옥온완왕요용우욱운웅원월위유육윤율은을음응의이익인일임자작장재전점정제조존종주준중지직진질찬창채천철청초촌총추춘출충치칠탁태택판평표풍필하학한함항해행향허헌혁현협형혜호혼홍화환활황회효후훈휘흠흥희결겸별봄샘';

/**
 * English words that are also one romanized syllable: never a given-name part when the name is
 * written without hyphens (`Moon In Seoul`, `Oh No`).
 */
export const ENGLISH_SYLLABLE_WORDS: readonly string[] = [
  'a',
  'i',
  'in',
  'an',
  'on',
  'to',
  'do',
  'so',
  'no',
  'go',
  'he',
  'we',
  'me',
  'be',
  'ye',
  'am',
  'it',
  'at',
  'is',
  'as',
  'or',
  'by',
  'the',
  'and',
  'but',
  'of',
  'up',
  'us',
  'my',
  'hi',
  'oh',
  'ok',
  'yes',
  'his',
  'her',
  'him',
  'who',
  'how',
  'new',
  'now',
  'not',
  'one',
  'two',
  'ten',
  'all',
  'any',
  'are',
  'may',
  'way',
  'day',
  'has',
  'had',
  'was',
  'said',
  'say',
  'see',
  'sea',
  'man',
  'can',
  'ran',
  'run',
  'gun',
  'win',
  'pin',
  'tin',
  'bin',
  'key',
  'job',
  'hot',
  'top',
  'talk',
  'talks',
  'meet',
  'hall',
  'will',
  'well',
  'tell',
  'call',
  'hill',
  'king',
  'long',
  'sing',
  'ring',
  // Split at a vowel pair into two syllables (jo-in, do-ing, so-il), as joined names are.
  'join',
  'joining',
  'doing',
  'going',
  'oil',
  'boil',
  'soil',
  'toil',
  'roil',
  'moil',
  'loin',
];
