/**
 * Word lists the Chinese rules lean on. Surnames: the common single-character surnames
 * (they cover the great majority of the population) and the compound ones still in use.
 */
export const SURNAMES = new Set(
  [
    ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
    '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '长孙', '宇文', '夏侯', '端木',
  ],
);

/** A word that names what kind of organisation a run of words is: the run ends with it. */
export const ORG_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '委员会', '研究院', '研究所', '研究中心', '实验室', '基金会', '出版社', '电视台', '俱乐部', '联合会', '管理局',
  '公司', '集团', '大学', '学院', '学校', '中学', '小学', '医院', '中心', '银行', '协会', '学会', '政府', '法院', '检察院', '报社', '工厂', '事务所', '办公室', '党委',
  '院', '所', '局', '厅', '部', '署', '委', '办', '社', '台', '馆', '行', '站',
];

/** Word classes a word ending in a one-character suffix must have to end an organisation (局 yes, 进行/v no). */
export const NOUN_TAGS = new Set(['n', 'nt', 'nz', 'ns', 'j', 'x', 'ng']);

/** Places: words ending like an administrative area, when jieba did not tag them ns itself. */
export const PLACE_SUFFIXES = ['自治区', '特别行政区', '开发区', '新区', '省', '市', '区', '县', '镇', '乡', '村', '街道', '路', '街', '城'];

/** Words jieba's dictionary tags ns that name no particular place (a stoplist, grown from real texts). */
export const GENERIC_PLACES = new Set(['城市', '国家', '地方', '全国', '各地', '境内', '境外', '海外', '国内', '当地', '本地', '农村', '城乡', '地区', '总结暨', '东西', '南北', '中外', '内外', '日志', '契约', '大量', '首都', '馆藏', '美丽']);

/** Words ending like a place that name a kind of area, never joined to a place before them (美丽/ns + 乡村). */
export const GENERIC_AREAS = new Set(['乡村', '农村', '城镇', '乡镇', '城区', '社区', '市区', '郊区', '山区', '街道', '小区', '景区', '园区', '新区', '老城', '县城', '省城', '古城', '全市', '全省', '全区', '全县']);

/** Words that end an organisation's run on the left: they are not part of its name. */
export const ORG_STOPWORDS = new Set(['该', '本', '此', '各', '其', '我', '我们', '全', '这', '那', '由', '在', '与', '和', '及', '的', '是', '为', '对', '向', '从', '将', '把', '被']);

/** One character a name jieba's HMM made too long ends with (周冲作 = 周冲 + 作): verbs and particles, never part of the name. */
export const NAME_TRAILERS = new Set([...'作说在是和与将对为的等了被向把给称也都就指表到从于须要会能可向']);

/** First characters of unknown words (x) that are function words glued on (有经), never the start of a name. */
export const FUNCTION_STARTS = new Set([...'有是在和的了把被对从向将为与及或但并而又也都就经']);

/** Roles before a name (记者郑欣然) or titles after it (张伟教授): they confirm a person and are never part of the name. */
export const TITLES = new Set(['先生', '女士', '教授', '博士', '院士', '主任', '局长', '院长', '所长', '书记', '市长', '省长', '部长', '总经理', '副总经理', '董事长', '经理', '主席', '总裁', '校长', '老师', '同志', '研究员', '处长', '科长', '厅长', '副院长', '副局长', '记者', '通讯员', '副厅长', '副主任', '党委书记', '会长', '秘书长', '副教授', '副研究员', '讲师', '馆长', '副馆长', '副市长', '副省长', '区长', '县长', '镇长', '村长', '行长', '社长', '理事长', '主编', '队长', '团长', '站长']);

/** Words after a name that confirm it is one (张伟表示…). */
export const SPEECH = new Set(['说', '表示', '指出', '介绍', '认为', '强调', '称', '透露', '主持', '同志', '一行', '作']);

/** Last characters of dictionary words jieba tags nr that are things, not people (许可证, 科学城). */
export const THING_ENDINGS = new Set([...'证书费权者性化法区城场院所局厅会部省市县镇村路街馆站台品物']);

/** One-word suffixes that, right after a place, make one place with it (梅县 + 区, 松口 + 镇, 华盖 + 路). */
export const PLACE_SUFFIX_WORDS = new Set(['省', '市', '区', '县', '镇', '乡', '村', '州', '路', '街', '街道', '大道', '大街']);

/** Administrative suffixes of one-word places jieba tags as a common word or a name (赤坎区/n, 越秀区/nr, 徐闻县/nr). */
export const ADMIN_SUFFIXES = ['区', '县', '镇', '乡', '市'];

/** What stands before an administrative suffix in a word that names a kind of area, not an area (开发区, 县级市, 保护区). */
export const GENERIC_AREA_PREFIXES = new Set([
  '开发', '新城', '老城', '主城', '市辖', '行政', '自治', '保护', '风景', '居民', '商业', '工业', '示范', '经济', '住宅', '自贸', '试验', '生活', '办公', '旅游',
  '保税', '功能', '实验', '核心', '中心', '贫困', '县级', '地级', '直辖', '省级', '市级', '所在', '周边', '附近', '偏远', '边远', '发达', '农业', '产业', '教学',
  '科技', '高新', '物流', '文化', '历史', '商务', '金融', '沿海', '滨海', '少数', '民族', '城乡', '城中', '城镇', '乡镇', '特别', '非洲', '欧洲', '亚洲', '试点',
  '重点', '灾害', '受灾', '疫情', '管理', '服务', '商贸', '港口', '空港', '园区', '景区', '矿区', '林区', '牧区', '山区', '郊区', '市区', '城区', '校区', '社区',
  '超级', '大都', '国际', '全国', '全省', '全市', '全区', '全县', '本市', '本区', '本县', '各区', '各县', '各市', '该区', '该县', '该市', '我市', '我区', '我县',
]);
